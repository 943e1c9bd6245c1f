// Peer for tests/bench/bibtex_bench.cpp: citation-js exporting the same CSL-JSON items to
// BibLaTeX and importing the same .bib file. Run with NODE_PATH pointing at an npm install of
// citation-js (outside the project): node citationjs_bench.js items.json items.bib
const Cite = require('citation-js');
const fs = require('fs');
const [jsonPath, bibPath] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
const bib = fs.readFileSync(bibPath, 'utf8');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const t0 = process.hrtime.bigint(), c0 = cpu();
const out = new Cite(items).format('biblatex');
const t1 = process.hrtime.bigint(), c1 = cpu();
const parsed = new Cite(bib);
const t2 = process.hrtime.bigint(), c2 = cpu();
console.log(JSON.stringify({
  entries: items.length,
  export_seconds: Number(t1 - t0) / 1e9,
  import_seconds: Number(t2 - t1) / 1e9,
  export_cpu_seconds: c1 - c0,
  import_cpu_seconds: c2 - c1,
  exported_bytes: out.length,
  imported: parsed.data.length,
}));
