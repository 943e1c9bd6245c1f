#!/bin/sh
# Transliteration benchmark and reference comparison (issue 4). Run from the repository root:
#   sh tests/bench/run_translit_bench.sh [BUILD_DIR]       (default /tmp/build-translit-rel, Release)
# 1. Makes a 20 MB varied Russian text under /tmp/translit-bench (word forms of Debian hunspell-ru,
#    capitalised names, abbreviations, numbers, Latin words, and the Cyrillic endnotes of ../shared).
# 2. Whole process against whole process: `bicite translit --scheme bgn_pcgn` and `--scheme
#    gost_779_alt` against ICU's `uconv -x Russian-Latin/BGN` (Debian icu-devtools), best of 3.
# 3. In-process throughput (bench_translit).
# 4. Word-by-word comparison with the reference implementation, npm iuliia (installed under
#    /tmp/peer-iuliia), on a 2 MB slice of the text, for every scheme iuliia has.
# Needs: python3, hunspell-ru, icu-devtools, nodejs/npm (apt-get install hunspell-ru icu-devtools nodejs npm).
set -eu
build=${1:-/tmp/build-translit-rel}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=/tmp/translit-bench
mkdir -p "$work"
if [ ! -x "$build/examples/bicite" ] || [ ! -x "$build/tests/bench/bench_translit" ]; then
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$build" -j2 bicite_cli bench_translit >/dev/null
fi
bicite="$build/examples/bicite"

# 1. The text.
if [ ! -s "$work/russian-20mb.txt" ]; then
  python3 - "$src/../shared" "$work/russian-20mb.txt" <<'EOF'
import collections, json, os, random, re, sys
shared, out_path = sys.argv[1], sys.argv[2]
random.seed(4)
words = []
dic, aff = "/usr/share/hunspell/ru_RU.dic", "/usr/share/hunspell/ru_RU.aff"
if os.path.exists(dic):
    sfx = collections.defaultdict(list)
    for line in open(aff, encoding="utf-8"):
        p = line.split()
        if len(p) >= 5 and p[0] == "SFX":
            sfx[p[1]].append(("" if p[2] == "0" else p[2], "" if p[3] == "0" else p[3].split("/")[0], re.compile("(?:" + p[4] + ")$")))
    lines = open(dic, encoding="utf-8").read().split("\n")[1:]
    for line in lines:
        e = line.strip().split("/", 1)
        if not e[0]:
            continue
        w = e[0]
        words.append(w)
        for flag in (e[1] if len(e) > 1 else ""):
            for strip, add, cond in sfx.get(flag, ()):
                if cond.search(w) and w.endswith(strip):
                    words.append(w[: len(w) - len(strip)] + add)
notes = []
gold = os.path.join(shared, "gold", "weitz-2024.notes.jsonl")
if os.path.exists(gold):
    for line in open(gold, encoding="utf-8"):
        t = json.loads(line)["text"]
        if re.search("[а-яё]", t):
            notes.append(t)
if not words:
    for t in notes:
        words += re.findall("[А-Яа-яЁё-]+", t)
abbreviations = "СССР РФ РАН МГИМО ООН НАТО ШОС БРИКС США КНР ЕС МИД ВШЭ ИМЭМО ЦК КПСС ФСБ ТАСС РИА ЕАЭС АСЕАН".split()
latin = "Foreign Affairs, Russia in Global Affairs, https://www.mk.ru/politics/2023/04/27/ Valdai Club, p. 12".split()
target = 20 * 1000 * 1000
out, size = [], 0
while size < target:
    r = random.random()
    if r < 0.03 and notes:
        s = random.choice(notes)
    else:
        n = random.randint(4, 18)
        ws = []
        for i in range(n):
            x = random.random()
            if x < 0.01:
                w = random.choice(abbreviations)
            elif x < 0.015:
                w = random.choice(latin)
            elif x < 0.02:
                w = str(random.randint(1, 2024))
            else:
                w = random.choice(words)
                if x < 0.08:
                    w = w[:1].upper() + w[1:]
            ws.append(w)
        ws[0] = ws[0][:1].upper() + ws[0][1:]
        s = " ".join(ws)
        if random.random() < 0.3:
            k = random.randint(1, len(ws) - 1)
            s = s.replace(" " + ws[k], ", " + ws[k], 1)
        if random.random() < 0.1:
            s = "«" + s + "»"
        s += random.choice([".", ".", ".", "?", "!", ";", " —"])
    out.append(s)
    size += len(s.encode()) + 1
    if random.random() < 0.15:
        out.append("\n")
text = " ".join(out).replace(" \n ", "\n") + "\n"
open(out_path, "w", encoding="utf-8").write(text)
EOF
fi
text="$work/russian-20mb.txt"
bytes=$(wc -c < "$text")
echo "text: $text, $bytes bytes, $(wc -w < "$text") words"

# 2. Whole process, best of 3: wall time, and CPU time (user + sys, less sensitive to a loaded machine).
best() {  # "wall cpu": the best of 3 runs of "$@" < text > /dev/null
  b=999999; c=999999
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" < "$text" > /dev/null
    read -r e u s < "$work/time.txt"
    b=$(echo "$e $b" | awk '{print ($1 < $2 ? $1 : $2)}')
    c=$(echo "$u $s $c" | awk '{t = $1 + $2; print (t < $3 ? t : $3)}')
  done
  echo "$b $c"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
t_uconv=$(best uconv -f utf-8 -t utf-8 -x Russian-Latin/BGN)
t_bgn=$(best "$bicite" translit --scheme bgn_pcgn)
t_gost=$(best "$bicite" translit --scheme gost_779_alt)
echo "$bytes $t_uconv $t_bgn $t_gost" | awk '{
  printf "%-38s wall %6.3f s %7.1f MB/s          cpu %6.3f s\n", "uconv -x Russian-Latin/BGN", $2, $1 / 1e6 / $2, $3
  printf "%-38s wall %6.3f s %7.1f MB/s %5.1fx   cpu %6.3f s %5.1fx\n", "bicite translit --scheme bgn_pcgn", $4, $1 / 1e6 / $4, $2 / $4, $5, $3 / $5
  printf "%-38s wall %6.3f s %7.1f MB/s %5.1fx   cpu %6.3f s %5.1fx\n", "bicite translit --scheme gost_779_alt", $6, $1 / 1e6 / $6, $2 / $6, $7, $3 / $7 }'

# 3. In-process.
"$build/tests/bench/bench_translit" "$text" bgn_pcgn gost_779_alt

# 4. Word by word against npm iuliia.
if [ ! -d /tmp/peer-iuliia/node_modules/iuliia ]; then
  mkdir -p /tmp/peer-iuliia && (cd /tmp/peer-iuliia && npm init -y >/dev/null && npm install iuliia >/dev/null 2>&1)
fi
head -c 2000000 "$text" | sed '$d' > "$work/slice.txt"
cat > /tmp/peer-iuliia/translate.js <<'EOF'
const iuliia = require("iuliia");
const fs = require("fs");
const [scheme, file] = process.argv.slice(2);
const schema = iuliia.Schemas.get(scheme);
if (!schema) { process.exit(3); }
const lines = fs.readFileSync(file, "utf8").split("\n");
process.stdout.write(lines.map((l) => iuliia.translate(l, schema)).join("\n"));
EOF
"$bicite" translit --list | cut -f1 | while read -r scheme; do
  if ! node /tmp/peer-iuliia/translate.js "$scheme" "$work/slice.txt" > "$work/iuliia.$scheme.txt" 2>/dev/null; then
    echo "$scheme: not in npm iuliia"
    continue
  fi
  "$bicite" translit --scheme "$scheme" "$work/slice.txt" > "$work/bicite.$scheme.txt"
  python3 - "$scheme" "$work/slice.txt" "$work/iuliia.$scheme.txt" "$work/bicite.$scheme.txt" <<'EOF'
import collections, re, sys, unicodedata
scheme, src, ref, ours = sys.argv[1:]
a = open(src, encoding="utf-8").read().split()
r = open(ref, encoding="utf-8").read().split()
o = open(ours, encoding="utf-8").read().split()
if not (len(a) == len(r) == len(o)):
    print("%s: token counts differ (%d, %d, %d)" % (scheme, len(a), len(r), len(o)))
    sys.exit(0)
def why(src, ref, ours):
    nfc = unicodedata.normalize("NFC", ref)
    if nfc == ours:
        return "Unicode normalisation (iuliia writes ж as z + U+030C; bicite writes NFC ž)"
    if nfc.replace("ё", "ë").replace("Ё", "Ë") == ours:
        return "Cyrillic ё in iuliia's output (bicite: Latin ë)"
    letters = re.sub("[^A-Za-zА-Яа-яЁё]", "", src)
    if len(letters) >= 2 and letters.upper() == letters and nfc.upper() == ours.upper():
        return "all-caps word (iuliia title-cases digraphs: ShchUKIN; bicite: SHCHUKIN)"
    if re.search("[«(\"'„“-][А-Яа-яЁё]", src) or re.search("[А-Яа-яЁё][»)\"“”]", src):
        return "a letter next to a quote or hyphen (iuliia reads «, - as part of the word)"
    return "other"
diff = collections.Counter()
examples = {}
for s, x, y in zip(a, r, o):
    if x != y:
        k = why(s, x, y)
        diff[k] += 1
        examples.setdefault(k, (s, x, y))
n = len(a)
same = n - sum(diff.values())
documented = n - diff["other"]
print("%-14s %d words: %.3f%% identical; %.3f%% apart from the documented differences below" % (scheme, n, 100.0 * same / n, 100.0 * documented / n))
for k, v in diff.most_common():
    s, x, y = examples[k]
    print("    %6d  %s   e.g. %s: iuliia %s, bicite %s" % (v, k, s, x, y))
EOF
done
