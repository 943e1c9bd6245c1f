#!/usr/bin/env python3
"""Builds lib/translit/data/ru_letter_trigrams.tsv, the Russian letter-sequence model used by
bicite::translit::to_cyrillic, from the word list of Debian's hunspell-ru package
(/usr/share/hunspell/ru_RU.dic, A. I. Lebedev's Russian dictionary, BSD-style licence), with every
word form its suffix rules (ru_RU.aff, SFX) make. Only counts of letter triples are kept, not the
words. Usage:
    apt-get install hunspell-ru && python3 tests/translit/tools/make_ru_trigrams.py > lib/translit/data/ru_letter_trigrams.tsv
"""
import collections
import sys

DIC = "/usr/share/hunspell/ru_RU.dic"
AFF = "/usr/share/hunspell/ru_RU.aff"
import re

suffixes = collections.defaultdict(list)  # flag -> [(strip, add, condition regex)]
with open(AFF, encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "SFX":
            strip = "" if parts[2] == "0" else parts[2]
            add = "" if parts[3] == "0" else parts[3].split("/", 1)[0]
            suffixes[parts[1]].append((strip, add, re.compile("(?:" + parts[4] + ")$")))


def forms(word, flags):
    yield word
    for flag in flags:
        for strip, add, cond in suffixes.get(flag, ()):
            if cond.search(word) and word.endswith(strip):
                yield word[: len(word) - len(strip)] + add
LETTERS = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")

counts = collections.Counter()
words = 0
with open(DIC, encoding="utf-8") as f:
    next(f)  # the word count
    for line in f:
        entry = line.strip().split("/", 1)
        word = entry[0].lower()
        if not word or any(c not in LETTERS for c in word):
            continue
        words += 1
        for form in set(forms(word, entry[1] if len(entry) > 1 else "")):
            padded = "^^" + form + "$"
            for i in range(len(padded) - 2):
                counts[padded[i:i + 3]] += 1

print("# Russian letter trigram counts for Latin -> Cyrillic ranking, made for bicite by")
print("# tests/translit/tools/make_ru_trigrams.py from the %d all-Cyrillic words of Debian hunspell-ru" % words)
print("# and all their suffixed forms (ru_RU.aff SFX rules),")
print("# 1:7.5.0-1 (/usr/share/hunspell/ru_RU.dic, Russian dictionary by A. I. Lebedev, BSD-style licence).")
print("# ^ marks the word start (twice, for the first letter), $ the word end. %d trigrams." % len(counts))
print("trigram\tcount")
for tri, n in sorted(counts.items()):
    print("%s\t%d" % (tri, n))
