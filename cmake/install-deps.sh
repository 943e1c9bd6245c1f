#!/bin/sh
# Installs, from Debian 12 packages, what bicite needs and the machine lacks (as root).
# With --test, also what the test suite needs (LaTeX tools for the BibTeX checks, nghttpd, node); with --fuzz, that and
# clang 14 with its libFuzzer runtime (the fuzz preset).
set -e
packages="g++ cmake ninja-build pkg-config libicu-dev libcurl4-openssl-dev libgumbo-dev libpugixml-dev libfmt-dev
nlohmann-json3-dev libcli11-dev citation-style-language-styles citation-style-language-locales"
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--fuzz" ]; then
  packages="$packages doctest-dev libcpp-httplib-dev python3 biber texlive-bibtex-extra texlive-latex-recommended texlive-lang-cyrillic valgrind nghttp2-server openssl nodejs"
fi
if [ "${1:-}" = "--fuzz" ]; then
  packages="$packages clang-14 libclang-rt-14-dev"
fi
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
