#!/usr/bin/env python3
"""Generated training data for the trained reference labeller (lib/parse/README.md, "Trained labeller").

GENERATED data: CSL-JSON items rendered through real CSL styles by the project's own CSL processor
(`bicite format`), each rendered string labelled by locating every item variable's value in the
output. Nothing here is a real reference string; the items are real (biblatex-gost's examples, the
items read from AnyStyle's labelled train part), the strings are generated.

    gen_generated.py --bicite BIN --seqtrain BIN --anystyle-train TRAIN.xml --gost-bib FILE.bib[.gz]
                     --out DIR [--styles-dir DIR]

Writes under DIR (never into the repository):
    generated-train.xml, generated-dev.xml, generated-test.xml   AnyStyle XML (<dataset><sequence>…)
    generated-gost-dev.txt / .spans.jsonl                        development strings of the GOST styles
    generated-report.tsv                                         per source and style: rendered, kept, discarded
Parts: FNV-1a (32 bits) of the SOURCE item's key mod 10 (0 sealed test, 1 development, 2-9 train) —
biblatex-gost entries by their entry key, AnyStyle items by their reference string (all in 2-9, since
only AnyStyle's train part is read) — so renderings of one item never straddle parts.

Labelling (AnyStyle's label set): each variable's value is found in the rendered text (Unicode NFC,
case-folded, white space, quotes and dashes loose); names by the family name and the given names or
initials around it; dates by the year; page ranges with any dash and abbreviated second numbers. Text
between located values goes to the preceding value up to the last white space before the next word,
the rest (prefix words such as "In", "Vol.", "С.", "pp.") to the following value; "et al.", "и др.",
"(ed.)" after a name list, "с."/"pp." after pages and "ed."/"изд." after an edition go to the preceding
value. A rendering is discarded when any variable the style prints (its CSL file names the variable)
cannot be located (for name lists: the first person).
"""
import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import unicodedata
from xml.sax.saxutils import escape

STYLES_DIR = "/usr/share/citation-style-language/styles"

# (source, style, mode, locale): what each source is rendered through
RENDERINGS = {
    "gost": [("gost-r-7-0-5-2008", "bibliography", "ru-RU"),
             ("gost-r-7-0-5-2008-numeric", "bibliography", "ru-RU"),
             ("chicago-fullnote-bibliography", "citation", ""),
             ("apa", "bibliography", "")],
    "anystyle": [("gost-r-7-0-5-2008", "bibliography", "ru-RU"),  # only with --anystyle-every N
                 ("chicago-fullnote-bibliography", "citation", "")],
}
GOST_STYLES = {"gost-r-7-0-5-2008", "gost-r-7-0-5-2008-numeric"}

NAME_ROLES = {"author": "author", "editor": "editor", "translator": "translator",
              "container-author": "editor", "collection-editor": "editor"}
TEXT_VARS = ["URL", "DOI", "ISBN", "title", "container-title", "collection-title", "publisher",
             "publisher-place", "genre", "note", "medium", "edition"]
NUM_VARS = ["volume", "issue", "page", "number-of-pages", "collection-number"]
LABEL = {"URL": "url", "DOI": "doi", "ISBN": "isbn", "title": "title", "collection-title": "collection-title",
         "publisher": "publisher", "publisher-place": "location", "genre": "genre", "note": "note",
         "medium": "medium", "edition": "edition", "volume": "volume", "issue": "volume", "page": "pages",
         "number-of-pages": "pages", "issued": "date", "collection-number": "collection-title"}
JOURNAL_TYPES = {"article-journal", "article-magazine", "article-newspaper"}
QUOTES = "«»“”\"'„‘’‚‹›‟"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


def fnv1a(s):
    s = " ".join(s.split())
    h = 0x811C9DC5
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def part_of(key):
    r = fnv1a(key) % 10
    return "test" if r == 0 else "dev" if r == 1 else "train"


def loose_regex(value):
    """A regex for a variable's value: white space, quotes, dashes and the space before a colon loose."""
    out = []
    for ch in value:
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in QUOTES:
            out.append("[" + re.escape(QUOTES) + "]?")
        elif ch in DASHES:
            out.append(r"\s*[" + re.escape(DASHES) + r"]\s*")
        elif ch in ":;,":
            out.append(r"\s*" + re.escape(ch))
        else:
            out.append(re.escape(ch))
    s = "".join(out).replace(r"\s+\s*", r"\s*")
    return s


class Labeller:
    def __init__(self, text):
        self.text = text
        self.lab = [None] * len(text)

    def free(self, a, b):
        return all(x is None for x in self.lab[a:b])

    def put(self, a, b, label):
        for i in range(a, b):
            self.lab[i] = label

    def find(self, pattern, label, flags=re.I, every=False):
        found = False
        for m in re.finditer(pattern, self.text, flags):
            if m.end() > m.start() and self.free(m.start(), m.end()):
                self.put(m.start(), m.end(), label)
                found = True
                if not every:
                    return True
        return found


def value_str(v):
    if isinstance(v, list):
        v = v[0] if v else ""
    return str(v).strip() if v is not None else ""


def year_of(item):
    d = item.get("issued")
    if not isinstance(d, dict):
        return None
    try:
        return int(d["date-parts"][0][0])
    except (KeyError, IndexError, TypeError, ValueError):
        m = re.search(r"\d{4}", str(d.get("raw") or d.get("literal") or ""))
        return int(m.group(0)) if m else None


def name_words(p):
    words = []
    for k in ("given", "dropping-particle", "non-dropping-particle", "suffix"):
        words += [w.casefold() for w in re.findall(r"\w+", value_str(p.get(k)))]
    allowed = set(words) | {w[0] for w in words if w}
    return allowed, len(words)


def locate_person(L, p, label):
    """Marks every occurrence of a person (family with the given names or initials around it)."""
    if p.get("literal"):
        return L.find(loose_regex(value_str(p["literal"])), label, every=True)
    fam = value_str(p.get("family"))
    if not fam:
        return False
    allowed, n = name_words(p)
    found = False
    for m in re.finditer(r"(?<!\w)" + loose_regex(fam) + r"(?!\w)", L.text, re.I):
        a, b = m.start(), m.end()
        if not L.free(a, b):
            continue
        # right: ", J. R." / " Jr."; left: "J. R. " / "Дж. "
        used = 0
        while used < n + 1:
            r = re.match(r"[\s,]*(\w+)(\.)?", L.text[b:])
            if not r or r.group(1).casefold() not in allowed or not L.free(b, b + r.end()):
                break
            b += r.end()
            used += 1
        used = 0
        while used < n + 1:
            r = re.search(r"(\w+)(\.)?([\s\-]*|\.)$", L.text[:a])
            if not r or r.group(1).casefold() not in allowed or not L.free(r.start(), a):
                break
            a = r.start()
            used += 1
        L.put(a, b, label)
        found = True
    return found


MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)\w*"
AFTER_NAMES = re.compile(r"^[\s,]*(?:et\s+al\.?|и\s+др\.?|\[и\s+др\.\]|\(?(?:eds?|editors?|ed|ред|hrsg|comp|trans|пер)\.?\)?)",
                         re.I)
AFTER_PAGES = re.compile(r"^\s*(?:с|pp|p|s|стб|л)\.", re.I)
AFTER_EDITION = re.compile(r"^(?:st|nd|rd|th|-?е|-?й)?\.?\s*(?:ed|edn|edition|изд)\.?", re.I)


def segments(L):
    """Runs of one label, the text between located values given to a neighbour (see the top)."""
    text, lab = L.text, L.lab
    n = len(text)
    i = 0
    runs = []  # [label, begin, end] of located runs
    while i < n:
        if lab[i] is None:
            i += 1
            continue
        j = i
        while j < n and lab[j] == lab[i]:
            j += 1
        runs.append([lab[i], i, j])
        i = j
    if not runs:
        return []
    # attach trailing role words / units to the run before
    for k, r in enumerate(runs):
        end_next = runs[k + 1][1] if k + 1 < len(runs) else n
        gap = text[r[2]:end_next]
        rx = AFTER_NAMES if r[0] in ("author", "editor", "translator") else AFTER_PAGES if r[0] == "pages" \
            else AFTER_EDITION if r[0] == "edition" else None
        if rx:
            m = rx.match(gap)
            if m:
                r[2] += m.end()
    # other title information the item does not give: "Title : учебное пособие / Author" stays in the title
    for k, r in enumerate(runs[:-1]):
        if r[0] == "title":
            m = re.match(r"\s*:\s*[^/\[\]]*?(?=\s*/)", text[r[2]:runs[k + 1][1]])
            if m:
                r[2] += m.end()
    # split the gaps
    for k in range(len(runs) - 1):
        a, b = runs[k][2], runs[k + 1][1]
        gap = text[a:b]
        m = re.search(r"[^\W_]|[№#§]", gap)
        if not m:
            # punctuation only: up to the last white space to the run before, the rest after
            ws = [i for i, c in enumerate(gap) if c.isspace()]
            cut = ws[-1] + 1 if ws else len(gap)
        else:
            w = m.start()
            ws = [i for i, c in enumerate(gap[:w]) if c.isspace()]
            cut = ws[-1] + 1 if ws else w
        runs[k][2] = a + cut
        runs[k + 1][1] = a + cut
    runs[0][1] = 0
    runs[-1][2] = n
    out = []
    for lab_, a, b in runs:
        if out and out[-1][0] == lab_:
            out[-1][2] = b
        else:
            out.append([lab_, a, b])
    return [(l, text[a:b].strip()) for l, a, b in out if text[a:b].strip()]


def label_rendering(text, item, style_vars):
    """[(label, segment text)] or (None, reason) when a printed variable cannot be located."""
    L = Labeller(text)
    m = re.match(r"^\s*(\[\d+\]|\d+\.)\s", text)
    if m:
        L.put(m.start(1), m.end(1), "citation-number")
    for var in ("URL", "DOI", "ISBN"):
        v = value_str(item.get(var))
        if v and var in style_vars and not L.find(loose_regex(v), LABEL[var]):
            return None, var
    for var in ("title", "container-title", "collection-title", "publisher", "publisher-place", "genre",
                "note", "medium", "edition"):
        v = value_str(item.get(var))
        if not v or var not in style_vars:
            continue
        label = LABEL.get(var)
        if var == "container-title":
            label = "journal" if item.get("type") in JOURNAL_TYPES else "container-title"
        pat = r"(?<!\w)" + loose_regex(v.rstrip(".")) + r"(?!\w)"
        if not L.find(pat, label):
            return None, var
    for var, role in NAME_ROLES.items():
        persons = item.get(var) or []
        if not persons or var not in style_vars:
            continue
        if not locate_person(L, persons[0], role):
            return None, var
        for p in persons[1:]:
            locate_person(L, p, role)
    y = year_of(item)
    if y and "issued" in style_vars:
        parts = (item.get("issued") or {}).get("date-parts", [[y]])[0]
        pats = []
        if len(parts) >= 2:  # the year with the day and month around it: "15 нояб. 2022", "May 12, 2010", "2010, May 12"
            pats = [r"(?:\d{1,2}\s+)?%s\.?\s+(?:\d{1,2},?\s+)?%d(?!\d)" % (MONTH, y),
                    r"(?<!\d)%d,?\s+%s\.?(?:\s+\d{1,2})?(?!\d)" % (y, MONTH),
                    r"(?<!\d)%d\.?\s+\d{1,2}\s+%s\.?" % (y, MONTH),
                    r"(?<![\d.])\d{1,2}\.\d{1,2}\.%d(?!\d)" % y]
        if not any(L.find(p, "date") for p in pats) and not L.find(r"(?<!\d)%d(?!\d)" % y, "date"):
            return None, "issued"
    m = re.search(r"\[(?:Электронный ресурс|Electronic resource|Текст|Text)\]", L.text)
    if m and L.free(m.start(), m.end()):
        L.put(m.start(), m.end(), "medium")
    for var in ("volume", "issue", "number-of-pages", "collection-number"):
        v = value_str(item.get(var))
        if v and var in style_vars and not L.find(r"(?<![\w])" + loose_regex(v) + r"(?![\w])", LABEL[var]):
            return None, var
    v = value_str(item.get("page"))
    if v and "page" in style_vars:
        r = re.fullmatch(r"\s*(\w*?)(\d+)\s*[" + re.escape(DASHES) + r"]+\s*(\w*?)(\d+)\s*", v)
        if r:
            first, last = r.group(2), r.group(4)
            alts = "|".join(re.escape(last[i:]) for i in range(len(last)))
            pat = r"(?<!\d)" + re.escape(r.group(1)) + first + r"\s*[" + re.escape(DASHES) + r"]+\s*" + \
                re.escape(r.group(3)) + "(?:" + alts + r")(?!\d)"
        else:
            pat = r"(?<![\w])" + loose_regex(v) + r"(?![\w])"
        if not L.find(pat, "pages"):
            return None, "page"
    # a page count the item does not give ("– 384 с.", "277 p.")
    for m in re.finditer(r"(?<![\w.])\d+\s*(?:с|p|pp|S)\.(?=\s|$)", L.text):
        if L.free(m.start(), m.end()):
            L.put(m.start(), m.end(), "pages")
    return segments(L), None


AREA_START = {"date", "volume", "pages", "location", "edition", "url", "doi", "isbn", "note", "medium"}


def gost_separators(segs, variant):
    """GOST 7.1's area separator: variant 1 puts ' —' (2: ' –') after a segment that ends with a period
    and precedes a new area (place, date, volume, pages, edition, URL, …); 0 leaves the string as the
    style wrote it."""
    if variant == 0:
        return segs
    dash = "—" if variant == 1 else "–"
    out = []
    for k, (lab, t) in enumerate(segs):
        if k + 1 < len(segs) and t.endswith(".") and segs[k + 1][0] in AREA_START and lab != "citation-number":
            t = t + " " + dash
        out.append((lab, t))
    return out


KEEP = set(TEXT_VARS) | set(NUM_VARS) | set(NAME_ROLES) | {"id", "type", "issued", "language"}


def simplify(item):
    """The variables the labeller knows, the date reduced to its year."""
    out = {k: v for k, v in item.items() if k in KEEP and v not in ("", [], {}, None)}
    y = year_of(item)
    if y:
        try:
            parts = [int(x) for x in item["issued"]["date-parts"][0][:3]]
        except (KeyError, IndexError, TypeError, ValueError):
            parts = [y]
        out["issued"] = {"date-parts": [parts if parts and parts[0] == y else [y]]}
    else:
        out.pop("issued", None)
    for k in ("ISBN", "URL", "DOI"):
        if k in out and not isinstance(out[k], str):
            out[k] = value_str(out[k])
    for k in NAME_ROLES:
        if k in out:
            out[k] = [p for p in out[k] if isinstance(p, dict) and (p.get("family") or p.get("literal"))]
            if not out[k]:
                del out[k]
    return out


def mixed_imprint(item):
    """A place that holds publishers ("М.: Прогресс; СПб.: Алетейя") or a publisher that holds places:
    the rendered string could not be labelled place / publisher right, so the item is left out."""
    return ":" in value_str(item.get("publisher-place")) or ":" in value_str(item.get("publisher"))


def style_copy(name, outdir, styles_dir):
    """The style with its bibliography sort and subsequent-author substitute removed, so that entries
    come out in item order and every name is printed."""
    src = open(os.path.join(styles_dir, name + ".csl"), encoding="utf-8").read()
    variables = set()
    for m in re.finditer(r'variable="([^"]+)"', src):
        variables.update(m.group(1).split())
    b = src.find("<bibliography")
    if b >= 0:
        head, tail = src[:b], src[b:]
        tail = re.sub(r"<sort>.*?</sort>", "", tail, count=1, flags=re.S)
        tail = re.sub(r'\s+subsequent-author-substitute(-rule)?="[^"]*"', "", tail)
        src = head + tail
    path = os.path.join(outdir, name + ".csl")
    open(path, "w", encoding="utf-8").write(src)
    variables.add("issued")
    return path, variables


def render(bicite, style_path, mode, locale, items, workdir):
    inp = os.path.join(workdir, "render-in.json")
    json.dump(items, open(inp, "w", encoding="utf-8"), ensure_ascii=False)
    cmd = [bicite, "format", inp, "--from", "csl-json", "--style", style_path, "--mode", mode, "--to", "text"]
    if locale:
        cmd += ["--locale", locale]
    res = subprocess.run(cmd, capture_output=True, text=True)
    lines = res.stdout.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(items):
        return None
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bicite", required=True)
    ap.add_argument("--seqtrain", required=True)
    ap.add_argument("--anystyle-train", required=True)
    ap.add_argument("--gost-bib", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--styles-dir", default=STYLES_DIR)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--anystyle-every", type=int, default=0,
                    help="AnyStyle item i is rendered through style number i mod N (2: every item once; "
                         "default 0: none, since they cost AnyStyle's development part more than 0.005)")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    work = os.path.join(a.out, "work")
    os.makedirs(work, exist_ok=True)

    # (a) biblatex-gost's examples: BibTeX → CSL-JSON by bicite convert
    bib = os.path.join(work, "biblatex-gost-examples.bib")
    opener = gzip.open if a.gost_bib.endswith(".gz") else open
    with opener(a.gost_bib, "rt", encoding="utf-8") as fh:
        open(bib, "w", encoding="utf-8").write(fh.read())
    gost_json = os.path.join(work, "gost-items.json")
    subprocess.run([a.bicite, "convert", bib, "--to", "csl-json", "-o", gost_json], check=True,
                   capture_output=True)
    gost = [simplify(x) for x in json.load(open(gost_json, encoding="utf-8"))]
    gost = [(x.get("id", ""), x) for x in gost if x.get("title") and not mixed_imprint(x)]
    # (b) AnyStyle's train part: its gold segments → CSL items (seq's spans_to_citation)
    as_jsonl = os.path.join(work, "anystyle-items.jsonl")
    subprocess.run([a.seqtrain, "items", "--in", a.anystyle_train, "--out", as_jsonl], check=True,
                   capture_output=True)
    anystyle = []
    for line in open(as_jsonl, encoding="utf-8"):
        o = json.loads(line)
        if not o["citations"]:
            continue
        it = simplify(o["citations"][0])
        if not it.get("title") or mixed_imprint(it):
            continue
        it["id"] = "as%d" % o["note"]
        anystyle.append((None, it))  # from train.xml: the train part (split by seq::split_hash of its string)

    parts = {"train": [], "dev": [], "test": []}
    gost_dev = []
    report = []
    discarded = open(os.path.join(work, "discarded.tsv"), "w", encoding="utf-8")
    for source, items in (("gost", gost), ("anystyle", anystyle)):
        for style, mode, locale in RENDERINGS[source]:
            path, style_vars = style_copy(style, work, a.styles_dir)
            rendered = kept = 0
            why = {}
            todo = items
            if source == "anystyle":  # item i through style i mod --anystyle-every (none when that is past the styles)
                k = [r[0] for r in RENDERINGS[source]].index(style)
                todo = [x for i, x in enumerate(items) if a.anystyle_every and i % a.anystyle_every == k]
            for s in range(0, len(todo), a.batch):
                chunk = todo[s:s + a.batch]
                lines = render(a.bicite, path, mode, locale, [it for _, it in chunk], work)
                if lines is None:  # an entry broke over lines: one by one
                    lines = []
                    for _, it in chunk:
                        one = render(a.bicite, path, mode, locale, [it], work)
                        lines.append(one[0] if one else "")
                for (key, it), line in zip(chunk, lines):
                    line = unicodedata.normalize("NFC", " ".join(line.split()))
                    # a style's empty publisher after the place ("London: , 1940"): as one writes it, "London, 1940"
                    line = line.replace(": ,", ",").replace(": .", ".")
                    if not line:
                        why["empty"] = why.get("empty", 0) + 1
                        continue
                    rendered += 1
                    segs, missing = label_rendering(line, it, style_vars)
                    if segs is None:
                        why[missing] = why.get(missing, 0) + 1
                        discarded.write("%s\t%s\t%s\t%r\t%s\n" % (style, missing, line,
                                                                  it.get(missing), json.dumps(it, ensure_ascii=False)))
                        continue
                    if style in GOST_STYLES:
                        segs = gost_separators(segs, fnv1a((key or it["id"]) + style) % 3)
                    kept += 1
                    part = part_of(key) if key is not None else "train"
                    parts[part].append(segs)
                    if part == "dev" and style in GOST_STYLES and source == "gost":
                        gost_dev.append((segs, it))
            report.append((source, style, mode, locale or "-", len(todo), rendered, kept,
                           ", ".join("%s %d" % kv for kv in sorted(why.items(), key=lambda kv: -kv[1]))))
            print("%s × %s (%s): %d rendered, %d kept, discarded %.1f%% (%s)" % (
                source, style, mode, rendered, kept, 100.0 * (rendered - kept) / max(rendered, 1), report[-1][-1]),
                file=sys.stderr)

    header = "<!-- GENERATED by tests/parse/train/gen_generated.py: CSL items rendered by bicite format, labelled " \
             "by locating each variable; not real reference strings -->\n"
    for part, seqs in parts.items():
        with open(os.path.join(a.out, "generated-%s.xml" % part), "w", encoding="utf-8") as fh:
            fh.write('<?xml version="1.0" encoding="utf-8"?>\n' + header + "<dataset>\n")
            for segs in seqs:
                fh.write("  <sequence>" + "".join("<%s>%s</%s>" % (l, escape(t), l) for l, t in segs) +
                         "</sequence>\n")
            fh.write("</dataset>\n")
    # development strings of the GOST styles with their source items as the gold (notes-JSONL of
    # ../shared/gold/README.md, scored by score_gold.py): the strings are the segments joined as
    # train.cpp joins them
    with open(os.path.join(a.out, "generated-gost-dev.notes.jsonl"), "w", encoding="utf-8") as fh:
        for n, (segs, it) in enumerate(gost_dev, 1):
            gold = {k: v for k, v in it.items() if k != "id"}
            gold["custom"] = {"position": "first"}
            fh.write(json.dumps({"note": n, "text": " ".join(t for _, t in segs), "citations": [gold],
                                 "commentary": ""}, ensure_ascii=False) + "\n")
    with open(os.path.join(a.out, "generated-report.tsv"), "w", encoding="utf-8") as fh:
        fh.write("source\tstyle\tmode\tlocale\titems\trendered\tkept\tdiscarded for (variable not located)\n")
        for r in report:
            fh.write("\t".join(str(x) for x in r) + "\n")
    print("generated: train %d, dev %d, test %d strings; GOST-style dev %d" % (
        len(parts["train"]), len(parts["dev"]), len(parts["test"]), len(gost_dev)), file=sys.stderr)


if __name__ == "__main__":
    main()
