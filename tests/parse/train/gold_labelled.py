#!/usr/bin/env python3
"""The full citations of hand-checked notes-JSONL gold as labelled references, for leave-one-out
experiments only (never for the embedded model): each citation string (as score_gold.py cuts it) is
labelled by finding its gold item's values in it, as gen_generated.py labels rendered strings (the
locator as pages). A citation whose values are not all found is left out.

    gold_labelled.py --out DIR GOLD.notes.jsonl…     → DIR/gold-<document>.xml (AnyStyle XML)
"""
import argparse
import os
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_generated as gen  # noqa: E402
import score_gold  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("gold", nargs="+")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for path in a.gold:
        cases, _ = score_gold.citations_of(path)
        doc = os.path.basename(path).split(".")[0]
        kept, why = [], {}
        for _, _, text, g in cases:
            item = gen.simplify(g)
            loc = (g.get("custom") or {}).get("locator")
            if loc and not item.get("page"):
                item["page"] = str(loc)
            variables = set(item) | {"issued"}
            segs, missing = gen.label_rendering(text, item, variables)
            if segs is None:
                why[missing] = why.get(missing, 0) + 1
                continue
            kept.append(segs)
        with open(os.path.join(a.out, "gold-%s.xml" % doc), "w", encoding="utf-8") as fh:
            fh.write('<?xml version="1.0" encoding="utf-8"?>\n<dataset>\n')
            for segs in kept:
                fh.write("  <sequence>" + "".join("<%s>%s</%s>" % (l, escape(t), l) for l, t in segs) +
                         "</sequence>\n")
            fh.write("</dataset>\n")
        print("%s: %d of %d full citations labelled (left out: %s)" % (
            doc, len(kept), len(cases), ", ".join("%s %d" % kv for kv in sorted(why.items()))), file=sys.stderr)


if __name__ == "__main__":
    main()
