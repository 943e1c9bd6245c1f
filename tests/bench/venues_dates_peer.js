// Peers for bench_venues_dates: chrono-node parses the same date strings (English parser,
// and the Russian one for Russian strings), Fuse.js searches the same venue names in the same
// knowledge base (canonical, english, aliases). One core, one second per measurement.
const fs = require('fs');
const chrono = require('chrono-node');
const Fuse = require('fuse.js');
const [gold, tsv] = process.argv.slice(2);
const dates = ["November 30, 2023", "No. 3 (2023)", "January 7 2023", "18 января 2023 г.", "01.02.2024",
  "January/February 2023", "April/June 2023", "2022–2023", "5–7 мая 2023", "Spring 2023", "весна 2023",
  "c. 1990", "accessed May 5, 2024", "дата обращения: 01.02.2024", "03/04/2023", "2023-01-07",
  "Sept. 12, 2023", "12 апреля 1961 г.", "декабрь 1991 г.", "2023", "(September/October 2023)",
  "January 5–7, 2023", "30 February 2023", "No. 1, 2023", "May 9, 1945"];
const cyr = /[\u0400-\u04FF]/;
// rate per CPU second (process.cpuUsage), like the C++ bench; every input is run once first (warm-up:
// chrono-node builds its patterns on first use)
function rate(inputs, f) {
  let done = 0, sink = 0;
  for (const s of inputs) sink += f(s) ? 1 : 0;
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const wall0 = process.hrtime.bigint();
  const start = cpu();
  let elapsed = 0;
  while (elapsed < 1.0) {
    for (const s of inputs) sink += f(s) ? 1 : 0;
    done += inputs.length;
    elapsed = cpu() - start;
  }
  const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
  return [done / elapsed, done / wall, sink];
}
const [d, dw] = rate(dates, s => (cyr.test(s) && chrono.ru ? chrono.ru.parse(s) : chrono.parse(s)).length > 0);
let parsed = 0;
for (const s of dates) parsed += (cyr.test(s) && chrono.ru ? chrono.ru.parse(s) : chrono.parse(s)).length > 0 ? 1 : 0;
const rows = fs.readFileSync(tsv, 'utf8').split('\n').filter(l => l && !l.startsWith('#'));
const header = rows.shift().split('\t');
const venues = rows.map(l => { const c = l.split('\t'); const o = {}; header.forEach((h, i) => o[h] = c[i] || '');
  o.aliases = o.aliases ? o.aliases.split(' | ') : []; return o; });
const fuse = new Fuse(venues, { keys: ['canonical', 'english', 'aliases'], threshold: 0.3, includeScore: true });
const names = [];
for (const l of fs.readFileSync(gold, 'utf8').split('\n')) {
  if (!l) continue;
  for (const c of JSON.parse(l).citations) if (c['container-title']) names.push(c['container-title']);
}
const [v, vw] = rate(names, s => fuse.search(s, { limit: 1 }).length > 0);
console.log(`${('chrono-node date parses/s (same 25 forms; ' + parsed + ' give a date)').padEnd(58)} ${d.toFixed(0).padStart(12)} ${dw.toFixed(0).padStart(12)}`);
console.log(`${'Fuse.js venue lookups/s (same gold venue names and venues)'.padEnd(58)} ${v.toFixed(0).padStart(12)} ${vw.toFixed(0).padStart(12)}`);
