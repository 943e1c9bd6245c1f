#!/usr/bin/env python3
"""Scores the trained reference labeller (and the rule parser) on the full citations of hand-checked
notes-JSONL gold (tests/parse/data/*.notes.jsonl, ../shared/gold/*.notes.jsonl), one citation at a time.

    score_gold.py --seqtrain BIN --bicite BIN --out DIR [--model NAME=MODEL.tsv]… [--rules]
                  [--json OUT.json] GOLD.notes.jsonl…

Citations: those with custom.position "first" (full references; Ibid. and short forms are the
resolver's work). A note with one citation gives its text (less the commentary, when the commentary is
a verbatim prefix or suffix); a note with several gives the pieces between "; " when there are as many
pieces as citations; other notes are left out (and counted). Each citation text is labelled by
`bicite_seq_train predict` (seq::parse_reference) with each model, and read by the rule parser
(`bicite convert --from notes`, numbered lines; its best-matching citation is aligned, any further ones
count as false positives).

Fields and comparison: ../shared/tools/score_notes.py's (imported from BICITE_SHARED_DIR/tools):
title, container-title, author, editor (persons), issued, volume, issue, page, URL, publisher,
publisher-place and locator (page and locator interchangeable where the gold has one of them).
"""
import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SHARED = os.environ.get("BICITE_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
sys.path.insert(0, os.path.join(SHARED, "tools"))
import score_notes as sn  # noqa: E402

FIELDS = ["author", "editor", "title", "container-title", "issued", "volume", "issue", "page", "locator",
          "publisher", "publisher-place", "URL"]


def split_semicolons(text):
    pieces, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([«“":
            depth += 1
        elif ch in ")]»”":
            depth = max(0, depth - 1)
        if ch == ";" and depth == 0:
            pieces.append(cur.strip())
            cur = ""
        else:
            cur += ch
    pieces.append(cur.strip())
    return [p for p in pieces if p]


def citations_of(path):
    """[(doc, note, text, gold item)], and the number of full citations left out."""
    out, left = [], 0
    doc = os.path.basename(path).split(".")[0]
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        o = json.loads(line)
        cits = o.get("citations", [])
        full = [c for c in cits if (c.get("custom") or {}).get("position", "first") == "first"]
        if not full:
            continue
        text = o["text"].strip()
        com = (o.get("commentary") or "").strip()
        if len(cits) == 1:
            if com:
                if text.startswith(com):
                    text = text[len(com):].strip()
                elif text.endswith(com):
                    text = text[:-len(com)].strip()
                else:
                    left += 1
                    continue
            out.append((doc, o["note"], text, cits[0]))
            continue
        pieces = split_semicolons(text)
        if com or len(pieces) != len(cits):
            left += len(full)
            continue
        for p, c in zip(pieces, cits):
            if c in full:
                out.append((doc, o["note"], p, c))
    return out, left


def load_notes(path):
    res = {}
    for line in open(path, encoding="utf-8"):
        if line.strip():
            o = json.loads(line)
            res[int(o["note"])] = o.get("citations", [])
    return res


def score(cases, preds):
    """{doc: {field: [tp, fp, fn]}, ...}, exact counts."""
    tot, exact = {}, {}
    for i, (doc, _, _, g) in enumerate(cases, 1):
        t = tot.setdefault(doc, {f: [0, 0, 0] for f in FIELDS})
        cands = preds.get(i, [])
        best = max(cands, key=lambda p: sn.similarity(g, p), default=None)
        res = sn.compare(g, best)
        ok = True
        for f in FIELDS:
            for k in range(3):
                t[f][k] += res[f][k]
            ok = ok and res[f][1] == 0 and res[f][2] == 0
        for p in cands:
            if p is best:
                continue
            ok = False
            extra = sn.compare(None, p)
            for f in FIELDS:
                t[f][1] += extra[f][1]
        e = exact.setdefault(doc, [0, 0])
        e[0] += ok
        e[1] += 1
    return tot, exact


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--seqtrain", required=True)
    ap.add_argument("--bicite")
    ap.add_argument("--out", required=True)
    ap.add_argument("--model", action="append", default=[], help="NAME=MODEL.tsv (NAME=embedded: the built-in model)")
    ap.add_argument("--rules", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--fields", action="store_true", help="per-field F1 too")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    cases, left = [], 0
    for g in a.gold:
        c, l = citations_of(g)
        cases += c
        left += l
    docs = []
    for d, *_ in cases:
        if d not in docs:
            docs.append(d)
    lines = os.path.join(a.out, "gold-citations.txt")
    with open(lines, "w", encoding="utf-8") as fh:
        for _, _, t, _ in cases:
            fh.write(t + "\n")
    with open(os.path.join(a.out, "gold-citations.numbered.txt"), "w", encoding="utf-8") as fh:
        for i, (_, _, t, _) in enumerate(cases, 1):
            fh.write("%d. %s\n" % (i, t))
    systems = []
    for spec in a.model:
        name, _, path = spec.partition("=")
        pred = os.path.join(a.out, "gold-citations.%s.jsonl" % name)
        cmd = [a.seqtrain, "predict", "--in", lines, "--out", pred]
        if path != "embedded":
            cmd += ["--model", path]
        subprocess.run(cmd, check=True, capture_output=True)
        systems.append((name, load_notes(pred)))
    if a.rules:
        pred = os.path.join(a.out, "gold-citations.rules.jsonl")
        subprocess.run([a.bicite, "convert", os.path.join(a.out, "gold-citations.numbered.txt"), "--from", "notes",
                        "--to", "notes-jsonl", "-o", pred], check=True, capture_output=True)
        systems.append(("rules", load_notes(pred)))
    print("%d full citations scored, %d left out (several citations in a note not split by '; ')" % (len(cases), left))
    result = {}
    header = "%-28s %5s" % ("document", "cits") + "".join(" %14s" % n for n, _ in systems)
    print(header + "   (micro-F1 / exact)")
    sums = {n: [0, 0, 0, 0, 0] for n, _ in systems}
    per = {}
    for name, preds in systems:
        per[name] = score(cases, preds)
    for d in docs + ["all"]:
        row = "%-28s" % d
        n_c = sum(1 for x in cases if x[0] == d) if d != "all" else len(cases)
        row += " %5d" % n_c
        for name, _ in systems:
            tot, exact = per[name]
            if d == "all":
                tp = sum(tot[x][f][0] for x in tot for f in FIELDS)
                fp = sum(tot[x][f][1] for x in tot for f in FIELDS)
                fn = sum(tot[x][f][2] for x in tot for f in FIELDS)
                ex = sum(exact[x][0] for x in exact) / max(1, sum(exact[x][1] for x in exact))
            else:
                tp = sum(tot[d][f][0] for f in FIELDS)
                fp = sum(tot[d][f][1] for f in FIELDS)
                fn = sum(tot[d][f][2] for f in FIELDS)
                ex = exact[d][0] / exact[d][1]
            f1 = prf(tp, fp, fn)
            result.setdefault(name, {})[d] = {"micro_f1": f1, "exact": ex, "tp": tp, "fp": fp, "fn": fn}
            row += " %8.3f/%5.3f" % (f1, ex)
        print(row)
    if a.fields:
        print("per field, all documents (F1):")
        print("%-18s" % "field" + "".join(" %10s" % n for n, _ in systems))
        for f in FIELDS:
            row = "%-18s" % f
            for name, _ in systems:
                tot, _ = per[name]
                tp = sum(tot[x][f][0] for x in tot)
                fp = sum(tot[x][f][1] for x in tot)
                fn = sum(tot[x][f][2] for x in tot)
                row += " %10s" % ("%.3f" % prf(tp, fp, fn) if tp + fp + fn else "-")
                result[name].setdefault("fields", {})[f] = [tp, fp, fn]
            print(row)
    if a.json:
        json.dump(result, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()
