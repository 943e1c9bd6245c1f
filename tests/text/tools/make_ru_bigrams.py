#!/usr/bin/env python3
"""Builds lib/text/data/ru_bigrams.tsv, the table of frequent Russian letter pairs that
bicite::text::detect_encoding uses to tell windows-1251 from KOI8-R and IBM866, from the running
text of the Russian manual pages Debian 12 installs in /usr/share/man/ru (packages man-db, passwd,
login, psmisc, procps, vim-common, …). Only counts of letter pairs are kept, not the text.
The project's corpus (../shared/corpus) is deliberately left out, so that the detection can be
measured on it as on unseen text. Usage:
    python3 tests/text/tools/make_ru_bigrams.py > lib/text/data/ru_bigrams.tsv
"""
import collections
import glob
import gzip
import re
import subprocess

TOP = 300
LETTERS = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")

pages = sorted(glob.glob("/usr/share/man/ru/man*/*.gz"))
counts = collections.Counter()
seen = set()
for page in pages:
    raw = gzip.open(page).read()
    if raw in seen:  # the same page under several names (vi, ex, view, editor → vim)
        continue
    seen.add(raw)
    text = raw.decode("utf-8", "replace").lower()
    # troff escapes (\fB, \(em, \-) would glue letters of neighbouring words: drop them first.
    text = re.sub(r"\\f[A-Z1-9]|\\f\(..|\\\(..|\\.", " ", text)
    for a, b in zip(text, text[1:]):
        if a in LETTERS and b in LETTERS:
            counts[a + b] += 1

packages = set()
for line in subprocess.run(["dpkg", "-S", "/usr/share/man/ru/"], capture_output=True, text=True).stdout.splitlines():
    packages.update(p.strip() for p in line.split(":", 1)[0].split(","))

total = sum(counts.values())
top = counts.most_common(TOP)
print("# The %d most frequent Russian letter pairs (lower case, ё kept apart from е), with their counts." % TOP)
print("# Used by bicite::text::detect_encoding to tell windows-1251, KOI8-R and IBM866 apart.")
print("# source: running text of the %d Russian manual pages of Debian 12 in /usr/share/man/ru" % len(seen))
print("#   (packages: %s)," % ", ".join(sorted(p for p in packages if p)))
print("#   %d letter pairs in all; the top %d cover %.1f%% of them." % (total, TOP, 100.0 * sum(c for _, c in top) / total))
print("#   ../shared/corpus is not included: the detection is measured on it (lib/text/README.md).")
print("# made by: python3 tests/text/tools/make_ru_bigrams.py > lib/text/data/ru_bigrams.tsv")
print("bigram\tcount")
for pair, count in top:
    print("%s\t%d" % (pair, count))
