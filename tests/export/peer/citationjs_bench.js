// Peer for tests/bench/bibtex_bench.cpp: citation-js exporting the same CSL-JSON items to
// BibLaTeX and importing the same .bib file, ROUNDS times each (bicite does the same; the median
// is reported). Run with NODE_PATH pointing at an npm install of citation-js (outside the project):
//   node citationjs_bench.js items.json items.bib [ROUNDS]
const Cite = require('citation-js');
const fs = require('fs');
const [jsonPath, bibPath, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg || 1);
const items = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
const bib = fs.readFileSync(bibPath, 'utf8');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const faults = () => process.resourceUsage().minorPageFault + process.resourceUsage().majorPageFault;
const runs = [];
let out = '', parsed = null;
for (let i = 0; i < rounds; ++i) {
  const t0 = process.hrtime.bigint(), c0 = cpu(), f0 = faults();
  out = new Cite(items).format('biblatex');
  const t1 = process.hrtime.bigint(), c1 = cpu(), f1 = faults();
  parsed = new Cite(bib);
  const t2 = process.hrtime.bigint(), c2 = cpu(), f2 = faults();
  runs.push({export_seconds: Number(t1 - t0) / 1e9, import_seconds: Number(t2 - t1) / 1e9,
             export_cpu_seconds: c1 - c0, import_cpu_seconds: c2 - c1,
             export_faults: f1 - f0, import_faults: f2 - f1});
}
const median = (key) => { const v = runs.map((r) => r[key]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
console.log(JSON.stringify({
  entries: items.length,
  rounds,
  export_seconds: median('export_seconds'),
  import_seconds: median('import_seconds'),
  export_cpu_seconds: median('export_cpu_seconds'),
  import_cpu_seconds: median('import_cpu_seconds'),
  first_export_cpu_seconds: runs[0].export_cpu_seconds,
  first_import_cpu_seconds: runs[0].import_cpu_seconds,
  first_export_faults: runs[0].export_faults,
  first_import_faults: runs[0].import_faults,
  exported_bytes: out.length,
  imported: parsed.data.length,
}));
