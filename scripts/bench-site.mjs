// The `lede site` benchmark (issue 23, docs/large-sites.md): builds sites of 1,000,
// 10,000 and 100,000 generated articles (copies of the seed article, about 20 KB of JSON
// each, under other titles, dates, sections and tags) and reports, for each, the full
// build, a rebuild with nothing changed and a rebuild after changing one article: wall
// time, CPU time (user + system), time per article, peak memory (maximum resident set,
// from /usr/bin/time), and the largest generated files. Not a test: it never fails on a
// missed target, it prints them. The machine's load is printed with every run.
//
//   node scripts/bench-site.mjs [--sizes=1000,10000,100000] [--lede=build/native/lede]
//                               [--keep] [--threads=N] [--repeat=3]
//
// On a machine shared with others, a short run's wall time is mostly waiting for a
// core: every build shorter than a minute is run --repeat times (a one-article rebuild
// changes another article each time) and the median is reported, with each run's load.
//
// Generated articles and sites go to build/bench-site/ (about 2 GB of JSON and 5 GB of
// site for 100,000 articles) and are removed at the end unless --keep is given; the
// results stay in build/bench-site/results.{json,md}.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
const lede = resolve(root, arg('lede', 'build/native/lede'));
const threads = arg('threads', '');
const keep = process.argv.includes('--keep');
const repeat = Math.max(1, Number(arg('repeat', '3')));
const work = join(root, 'build/bench-site');
const seed = JSON.parse(readFileSync(join(root, 'web/articles/once-enemies.json'), 'utf8'));

if (!existsSync(lede)) {
  console.error(`bench-site: ${lede} is missing: run ./build-wasm.sh first`);
  process.exit(1);
}
if (!existsSync('/usr/bin/time')) {
  console.error('bench-site: /usr/bin/time is needed for peak memory (Debian package "time")');
  process.exit(1);
}

const SECTIONS = ['World', 'Politics', 'Business', 'Science', 'Health', 'Sport', 'Arts', 'Books', 'Travel', 'Opinion', 'Climate', 'Tech'];
// Article i: a date an hour apart going back from 2026, a section, three tags out of
// 500 (tags are shared by about 600 articles each at 100,000).
function article(i, title = `${seed.title} (${i})`) {
  const published = new Date(Date.UTC(2026, 0, 1) - i * 3600 * 1000).toISOString().replace('.000Z', 'Z');
  return JSON.stringify({
    ...seed, title, published, updated: undefined, section: SECTIONS[i % SECTIONS.length],
    tags: [`topic ${i % 500}`, `topic ${(i * 7) % 500}`, `region ${i % 40}`],
  });
}
const name = (i) => `story-${String(i).padStart(6, '0')}.json`;

function generate(count) {
  const dir = join(work, `articles-${count}`);
  const done = `${dir}.complete`;
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= count; i++) writeFileSync(join(dir, name(i)), article(i));
  writeFileSync(done, '');
  return dir;
}

// Runs `lede site` under /usr/bin/time; returns wall and CPU seconds, peak RSS in MB and
// the summary line.
function build(src, out, extra = []) {
  const load = loadavg()[0];
  const args = ['-f', 'TIME %e %U %S %M', lede, 'site', src, out, '--base-url=https://bench.example/news/', ...extra];
  if (threads) args.push(`--threads=${threads}`);
  const r = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`lede site failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  return {
    wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), user: Number(m[2]), sys: Number(m[3]), rssMB: Number(m[4]) / 1024,
    summary: r.stdout.trim().split('\n').pop().replace(/^[^:]*: /, ''), load: [load, loadavg()[0]],
  };
}

function largest(out, n = 6) {
  const files = [];
  let total = 0, count = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const size = statSync(p).size;
        total += size;
        count++;
        files.push([relative(out, p), size]);
        files.sort((a, b) => b[1] - a[1]);
        files.length = Math.min(files.length, n);
      }
    }
  };
  walk(out);
  return { files, totalMB: total / 1e6, count };
}

const results = { machine: { cores: cpus().length, model: cpus()[0]?.model, lede, threads: threads || 'one per core' }, runs: [] };
for (const count of sizes) {
  process.stderr.write(`bench-site: generating ${count} articles…\n`);
  const src = generate(count);
  const out = join(work, `site-${count}`);
  rmSync(out, { recursive: true, force: true });
  // The median run by wall time (each keeps its own CPU time, memory and load).
  const median = (runs) => runs.sort((a, b) => a.wall - b.wall)[Math.floor(runs.length / 2)];
  const times = (n, once) => Array.from({ length: n }, (_, k) => once(k));
  process.stderr.write(`bench-site: ${count}: full build…\n`);
  let full = build(src, out, ['--full']);
  if (full.wall < 60) full = median([full, ...times(repeat - 1, () => build(src, out, ['--full']))]);
  process.stderr.write(`bench-site: ${count}: rebuild, nothing changed…\n`);
  const same = median(times(repeat, () => build(src, out)));
  process.stderr.write(`bench-site: ${count}: rebuild after changing one article…\n`);
  // Another article each time, so that each rebuild has exactly one to render.
  const changed = times(repeat, (k) => Math.ceil(count / 2) + k);
  const one = median(changed.map((i) => {
    writeFileSync(join(src, name(i)), article(i, `A changed title (${i})`));
    return build(src, out);
  }));
  for (const i of changed) writeFileSync(join(src, name(i)), article(i));
  build(src, out);  // back to the articles as generated
  const files = largest(out);
  const run = { articles: count, full, same, one, largest: files.files, outputMB: files.totalMB, outputFiles: files.count };
  results.runs.push(run);
  console.log(`${count} articles: full ${full.wall} s wall, ${full.cpu.toFixed(1)} s CPU, ${(full.wall / count * 1000).toFixed(2)} ms/article, ` +
    `${full.rssMB.toFixed(1)} MB peak; one changed ${one.wall} s (${(one.wall / full.wall * 100).toFixed(1)} %), ` +
    `${one.rssMB.toFixed(1)} MB; load ${full.load.map((l) => l.toFixed(1)).join('→')}`);
  if (!keep) rmSync(out, { recursive: true, force: true });
}
if (!keep)
  for (const count of sizes) for (const p of [`articles-${count}`, `articles-${count}.complete`]) rmSync(join(work, p), { recursive: true, force: true });

const md = [];
const f = (x, d = 1) => x.toFixed(d);
md.push(`Machine: ${results.machine.cores} cores (${results.machine.model}), ${results.machine.threads}; ${relative(root, lede)}.`, '');
md.push('| articles | build | wall (s) | CPU (s) | ms/article (wall) | ms/article (CPU) | peak RSS (MB) | load (1 min) | summary |');
md.push('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of results.runs) {
  for (const [label, b] of [['full', r.full], ['nothing changed', r.same], ['one article changed', r.one]]) {
    md.push(`| ${r.articles.toLocaleString('en')} | ${label} | ${f(b.wall, 2)} | ${f(b.cpu, 2)} | ${f(b.wall / r.articles * 1000, 3)} | ` +
      `${f(b.cpu / r.articles * 1000, 3)} | ${f(b.rssMB)} | ${b.load.map((l) => f(l)).join('→')} | ${b.summary} |`);
  }
}
md.push('', '| articles | files | total (MB) | largest files |', '| ---: | ---: | ---: | --- |');
for (const r of results.runs)
  md.push(`| ${r.articles.toLocaleString('en')} | ${r.outputFiles.toLocaleString('en')} | ${f(r.outputMB)} | ${r.largest.map(([p, s]) => `${p} ${f(s / 1e3)} KB`).join(', ')} |`);
const [small, , big] = [results.runs[0], results.runs[1], results.runs[results.runs.length - 1]];
if (small && big && small !== big) {
  const perSmall = small.full.wall / small.articles, perBig = big.full.wall / big.articles;
  md.push('', 'Targets (issue 23), from this run:', '');
  md.push(`- time per article at ${big.articles.toLocaleString('en')} ÷ at ${small.articles.toLocaleString('en')}: ${f(perBig / perSmall, 2)} (wall; target ≤ 1.5), ` +
    `${f((big.full.cpu / big.articles) / (small.full.cpu / small.articles), 2)} (CPU)`);
  md.push(`- peak memory at ${big.articles.toLocaleString('en')} ÷ at ${small.articles.toLocaleString('en')}: ${f(big.full.rssMB / small.full.rssMB, 2)} ` +
    `(${f(big.full.rssMB)} MB; target ≤ 1.2 and < 256 MB)`);
  for (const r of results.runs) md.push(`- one-article rebuild at ${r.articles.toLocaleString('en')}: ${f(r.one.wall / r.full.wall * 100, 2)} % of the full build (target < 5 %)`);
}
mkdirSync(work, { recursive: true });
writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 2));
writeFileSync(join(work, 'results.md'), md.join('\n') + '\n');
console.log('\n' + md.join('\n'));
