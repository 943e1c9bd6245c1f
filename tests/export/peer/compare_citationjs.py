#!/usr/bin/env python3
"""Field agreement between bicite's and citation-js's reading of the same .bib files.

    python3 tests/export/peer/compare_citationjs.py BICITE_EXE PEER_DIR FILE.bib...

Runs `bicite convert FILE.bib --to csl-json` and citation-js (tests/export/peer/citationjs_read.js,
NODE_PATH=PEER_DIR/node_modules), matches items by id and prints, per CSL field, how often both
readings agree among the items where at least one of them has the field. Values are compared after
Unicode NFC, white-space folding and dash folding; names as "family|given" lists; dates by year and
month. FOLD_MARKUP=1 also drops LaTeX commands, braces and spaces before comparing (so that
"\\TeX{}" read as "TeX" by one reader and kept as "\\TeX" by the other counts as agreement).
"""
import json, os, subprocess, sys, unicodedata, collections, re

FIELDS = ["type", "title", "author", "editor", "issued", "container-title", "volume", "issue", "page",
          "publisher", "publisher-place", "DOI", "URL", "ISBN", "ISSN", "edition", "collection-title", "note"]

LOGOS = {"TeX": "TeX", "LaTeX": "LaTeX", "BibTeX": "BibTeX", "POSTSCRIPT": "PostScript", "emdash": "\u2014",
         "endash": "\u2013"}
FOLD_MARKUP = False

def norm(s):
    s = unicodedata.normalize("NFC", str(s))
    if FOLD_MARKUP:  # what a reader does with LaTeX markup it does not know is not a reading difference
        s = re.sub(r"\\([A-Za-z]+)", lambda m: LOGOS.get(m.group(1), ""), s)
        s = re.sub(r"\\.", "", s).replace("{", "").replace("}", "")
        s = s.replace(" ", "")
    s = s.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()

def value(item, field):
    v = item.get(field)
    if v is None or v == "" or v == []:
        return None
    if field in ("author", "editor"):
        return tuple(norm(n.get("literal") or (n.get("non-dropping-particle", "") + " " + n.get("family", "")).strip()
                          + "|" + n.get("given", "")) for n in v)
    if field == "issued":
        parts = v.get("date-parts") if isinstance(v, dict) else None
        if not parts or not parts[0]:
            return norm(v.get("literal", v.get("raw", ""))) or None if isinstance(v, dict) else None
        return tuple(int(x) for x in parts[0][:2] if str(x).lstrip("-").isdigit())
    return norm(v)

def main():
    global FOLD_MARKUP
    exe, peer, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    FOLD_MARKUP = os.environ.get("FOLD_MARKUP") == "1"
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, NODE_PATH=os.path.join(peer, "node_modules"))
    agree, total = collections.Counter(), collections.Counter()
    examples = collections.defaultdict(list)
    entries = 0
    for f in files:
        ours = json.loads(subprocess.run([exe, "convert", f, "--from", "biblatex", "--to", "csl-json"],
                                         capture_output=True, text=True).stdout or "[]")
        theirs = json.loads(subprocess.run(["node", os.path.join(here, "citationjs_read.js"), f],
                                           capture_output=True, text=True, env=env).stdout or "[]")
        by_id = {t.get("id"): t for t in theirs}
        for o in ours:
            t = by_id.get(o.get("id"))
            if t is None:
                continue
            entries += 1
            for field in FIELDS:
                a, b = value(o, field), value(t, field)
                if a is None and b is None:
                    continue
                total[field] += 1
                if a == b:
                    agree[field] += 1
                elif len(examples[field]) < 3:
                    examples[field].append((os.path.basename(f), o.get("id"), a, b))
        print(f"{os.path.basename(f)}: bicite {len(ours)} items, citation-js {len(theirs)} items", file=sys.stderr)
    all_agree, all_total = sum(agree.values()), sum(total.values())
    print(f"entries compared: {entries}")
    print(f"{'field':18} {'agree':>7} {'of':>7} {'%':>6}")
    for field in FIELDS:
        if total[field]:
            print(f"{field:18} {agree[field]:7} {total[field]:7} {100.0 * agree[field] / total[field]:6.1f}")
    print(f"{'all fields':18} {all_agree:7} {all_total:7} {100.0 * all_agree / max(all_total, 1):6.1f}")
    if "-v" in os.environ.get("COMPARE_FLAGS", ""):
        for field, ex in examples.items():
            for e in ex:
                print("  differs", field, e)

if __name__ == "__main__":
    main()
