// Peer for tests/bench/bibtex_bench.cpp: citation-js exporting the same CSL-JSON items to
// BibLaTeX and importing the same .bib file. Run with NODE_PATH pointing at an npm install of
// citation-js (outside the project): node citationjs_bench.js items.json items.bib
const Cite = require('citation-js');
const fs = require('fs');
const [jsonPath, bibPath] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
const bib = fs.readFileSync(bibPath, 'utf8');
const t0 = process.hrtime.bigint();
const out = new Cite(items).format('biblatex');
const t1 = process.hrtime.bigint();
const parsed = new Cite(bib);
const t2 = process.hrtime.bigint();
console.log(JSON.stringify({
  entries: items.length,
  export_seconds: Number(t1 - t0) / 1e9,
  import_seconds: Number(t2 - t1) / 1e9,
  exported_bytes: out.length,
  imported: parsed.data.length,
}));
