// Reads a .bib file with citation-js and prints CSL-JSON (for tests/export/peer/compare_citationjs.py).
const Cite = require('citation-js');
const fs = require('fs');
const data = new Cite(fs.readFileSync(process.argv[2], 'utf8')).data;
process.stdout.write(JSON.stringify(data, null, 1));
