// Prints the benchmark summary (and writes it as Markdown to build/bench/results.md):
// every number with its ratio against the issue's targets.
//   node bench/report.mjs    reads build/bench/{browser,cold,native,md2html,memory,wasm-size,html}.json
// The targets are the open issues' (17: HTML; 18: the libraries, size and speed), each
// with its issue, and the earlier ones the project still holds.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { budget, htmlBudget, htmlSizes, htmlTarget, sizes } from '../scripts/size-report.mjs';
import { root } from './inputs.mjs';

const dir = `${root}build/bench/`;
const load = (f) => (existsSync(dir + f) ? JSON.parse(readFileSync(dir + f, 'utf8')) : null);
const browser = load('browser.json');
const cold = load('cold.json');
const native = load('native.json');
const md2html = load('md2html.json');
const memory = load('memory.json');
const wasmSize = load('wasm-size.json');
const html = load('html.json');

const md = [];
const say = (s = '') => { console.log(s); md.push(s); };
const table = (head, rows) => {
  say(`| ${head.join(' | ')} |`);
  say(`| ${head.map((h, i) => (i ? '---:' : '---')).join(' | ')} |`);
  for (const r of rows) say(`| ${r.join(' | ')} |`);
  say();
};
const ms = (v) => (v < 0.1 ? v.toFixed(3) : v < 10 ? v.toFixed(2) : v.toFixed(1));
const x = (v) => `${v.toFixed(2)}×`;
const verdict = (ok) => (ok ? 'met' : 'MISSED');
const targets = [];

// --- machine ---
const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model;
let emcc = '';
try { emcc = execFileSync('emcc', ['--version'], { encoding: 'utf8' }).split('\n')[0]; } catch {}
say('### Machine');
say();
say(`- CPU: ${cpu}, ${cpus().length} cores; load average at report time ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (browser) say(`- Chromium ${browser.chromium} (headless, playwright-core), gc() exposed: ${browser.gcExposed}`);
say(`- ${emcc}; Node ${process.version}`);
if (native) say(`- Google Benchmark: ${native.context.num_cpus} CPUs at ${native.context.mhz_per_cpu} MHz, load ${native.context.load_avg?.map((l) => l.toFixed(2)).join(' ')} during the native run`);
say();

// --- browser ---
if (browser) {
  say(`### Browser: JSON text → article DOM appended (median ms over ${browser.batches} batches of ~${browser.targetMs} ms)`);
  say();
  const inputs = Object.keys(browser.results);
  const get = (n, id) => browser.results[n].rows.find((r) => r.id === id);
  const main = browser.results[inputs[0]].rows.filter((r) => r.main);
  table(['contender', ...inputs.map((n) => `${n} (${(browser.results[n].jsonBytes / 1024).toFixed(1)} KB)`)],
    main.map((r) => [r.label, ...inputs.map((n) => ms(get(n, r.id).median))]));
  say('Lede against each (Lede time ÷ their time; issue 18: seed ≤ 0.80 against markdown-wasm + DOMPurify, seed40 and spec ≤ 0.50 against it and ≤ 2.00 against the floor; earlier: seed and seed40 ≤ 0.50 against marked and markdown-it):');
  say();
  const rows = [];
  for (const r of main.filter((r) => r.id !== 'lede')) rows.push([r.label, ...inputs.map((n) => x(get(n, 'lede').median / get(n, r.id).median))]);
  rows.push(['floor = faster of a and b', ...inputs.map((n) => x(get(n, 'lede').median / Math.min(get(n, 'floor_template').median, get(n, 'floor_ops').median)))]);
  if (get(inputs[0], 'floor_ops_fresh')) {
    rows.push(['(not a target) floor b with new strings each run', ...inputs.map((n) => x(get(n, 'lede').median / get(n, 'floor_ops_fresh').median))]);
  }
  table(['against', ...inputs], rows);
  // Lede's render() + append at most `limit` × the row `id`'s (or the floor's) time.
  const against = (who, n, id, limit) => {
    const lede = get(n, 'lede').median;
    const floor = id === 'floor';
    const them = floor ? Math.min(get(n, 'floor_template').median, get(n, 'floor_ops').median) : get(n, id).median;
    const ratio = lede / them;
    targets.push([`${who}: ${n}: Lede ≤ ${limit}× ${floor ? 'floor' : get(n, id).label}`, x(ratio), verdict(ratio <= limit),
      ratio <= limit ? '' : `${x(ratio / limit)} too slow (needs ${ms(them * limit)} ms, is ${ms(lede)} ms)`]);
  };
  const has = (n) => browser.results[n];
  if (has('seed')) against('issue 18', 'seed', 'mdwasm', 0.8);
  for (const n of ['seed40', 'spec'].filter(has)) {
    against('issue 18', n, 'mdwasm', 0.5);
    against('issue 18', n, 'floor', 2);
  }
  for (const n of ['seed', 'seed40'].filter(has)) {
    for (const id of ['marked', 'markdownit']) against('earlier', n, id, 0.5);
    if (n === 'seed') against('earlier', n, 'floor', 2);
  }
  say('Where Lede\'s time goes (web/lede.js as shipped; the parts are timed one by one):');
  say();
  const parts = browser.results[inputs[0]].rows.filter((r) => !r.main);
  table(['part', ...inputs], parts.map((r) => [r.label, ...inputs.map((n) => ms(get(n, r.id).median))]));
  say('Removal of the appended article (timed after each batch, not in any number above):');
  say();
  table(['contender', ...inputs], main.map((r) => [r.label, ...inputs.map((n) => ms(get(n, r.id).removal))]));
  say('What each built (elements / text characters / links), to show they are the same article:');
  say();
  table(['contender', ...inputs], Object.keys(browser.results[inputs[0]].sanity).map((id) => [
    id, ...inputs.map((n) => { const s = browser.results[n].sanity[id]; return `${s.elements} / ${s.text} / ${s.links}`; }),
  ]));
}

// --- HTML articles (bench/html.mjs) ---
if (html) {
  say(`### Browser: HTML articles, Lede's render() + append against DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true }) + append (median ms over ${html.batches} batches)`);
  say();
  const rows = Object.entries(html.results).map(([n, r]) => {
    const lede = Object.entries(r).find(([id]) => id.endsWith(' render'))[1];
    const ratio = lede.median / r.DOMPurify.median;
    targets.push([`issue 17: ${n}: Lede ≤ 1.0× DOMPurify`, x(ratio), verdict(ratio <= 1), ratio <= 1 ? '' : `${x(ratio)} the time (needs ${ms(r.DOMPurify.median)} ms, is ${ms(lede.median)} ms)`]);
    return [`${n} (${html.kib[n].toFixed(0)} KiB)`, ms(lede.median), ms(lede.min), ms(r.DOMPurify.median), ms(r.DOMPurify.min), x(ratio)];
  });
  table(['input (JSON)', 'Lede', 'fastest batch', 'DOMPurify', 'fastest batch', 'Lede ÷ DOMPurify'], rows);
}

// --- cold start ---
if (cold) {
  say('### Cold start: import() → first seed article appended (median ms, fresh context each)');
  say();
  const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
  const rows = Object.entries(cold.samples).map(([s, xs]) => ({ s, total: med(xs.map((v) => v.total)), load: med(xs.map((v) => v.load)), first: med(xs.map((v) => v.firstRender)), second: med(xs.map((v) => v.secondRender ?? NaN)), min: Math.min(...xs.map((v) => v.total)), n: xs.length }));
  table(['stack', 'total', 'import + init', 'first render + append', 'second render (not in total)', 'min total', 'samples'], rows.map((r) => [r.s, ms(r.total), ms(r.load), ms(r.first), ms(r.second), ms(r.min), r.n]));
  const lede = rows.find((r) => r.s === 'lede');
  const best = rows.filter((r) => r.s !== 'lede').sort((a, b) => a.total - b.total)[0];
  const ratio = lede.total / best.total;
  targets.push([`issue 18: cold start ≤ fastest JS stack (${best.s}, ${ms(best.total)} ms)`, x(ratio), verdict(ratio <= 1), ratio <= 1 ? '' : `${ms(lede.total - best.total)} ms slower`]);
}

// --- native ---
if (native) {
  say('### Native (Release -O2, Google Benchmark, median of repetitions, MB/s = 10⁶ bytes per CPU second)');
  say();
  const b = Object.fromEntries(native.benchmarks.filter((r) => r.aggregate_name === 'median').map((r) => [r.run_name, r]));
  const names = [...new Set(Object.keys(b).map((k) => k.split('/').pop()))];
  const ids = [...new Set(Object.keys(b).map((k) => k.split('/').slice(0, -1).join('/')))];
  const us = (r) => (r.cpu_time / (r.time_unit === 'ns' ? 1000 : 1)).toFixed(1);
  table(['benchmark (bytes counted)', ...names.map((n) => `${n} µs · MB/s`)], ids.map((id) => [
    `${id} (${id.startsWith('markdown') ? 'body' : 'JSON'})`, ...names.map((n) => { const r = b[`${id}/${n}`]; return r ? `${us(r)} · ${(r.bytes_per_second / 1e6).toFixed(0)}` : ''; }),
  ]));
  if (md2html) {
    say('md4c\'s md2html CLI, `--stat` (its own clock() around md_html(), 10 µs resolution), Lede\'s flags, median of 21 runs:');
    say();
    table(['body', 'ms', 'MB/s'], Object.entries(md2html).map(([n, r]) => {
      const bytes = readFileSync(`${dir}inputs/${n}.md`).length;
      return [n, r.medianMs.toFixed(2), r.medianMs > 0.05 ? (bytes / r.medianMs / 1000).toFixed(0) : '(below resolution)'];
    }));
  }
}

// --- size ---
{
  say('### Size: what a page downloads (gzip -9)');
  say();
  const rows = sizes();
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  table(['file', 'bytes', 'gzip'], [...rows.map((r) => [r.file, r.raw, r.gzip]), ['**total**', '', `**${total}**`]]);
  targets.push([`issue 18: Markdown page (the seed) ≤ ${budget} B gzip`, `${total} B`, verdict(total <= budget), total <= budget ? '' : `${total - budget} B over (${x(total / budget)})`]);
  const wpRows = htmlSizes();
  const wp = wpRows.reduce((s, r) => s + r.gzip, 0);
  say(`A page showing a WordPress post downloads ${wpRows.map((r) => `${r.file} ${r.gzip}`).join(' + ')} = ${wp} B gzip (the size test's budget ${htmlBudget} B).`);
  say();
  targets.push([`issue 17: WordPress page ≤ ${htmlTarget} B gzip`, `${wp} B`, verdict(wp <= htmlTarget), wp <= htmlTarget ? '' : `${wp - htmlTarget} B over`]);
  if (wasmSize) {
    say(`The wasm by part (profiling build with names; code section identical: ${wasmSize.named.codeSection} B; gzip shares estimated, see method):`);
    say();
    table(['part', 'kind', 'raw bytes', '≈ gzip bytes'], wasmSize.rows.map((r) => [r.part, r.kind, r.raw, r.gzEstimate]));
  }
}

// --- memory ---
if (memory) {
  say('### Peak heap per input byte');
  say();
  const f = (v, n) => `${v} (${x(v / n)})`;
  table(['input', 'JSON bytes', 'wasm ops, bytes in', 'wasm HTML, bytes in', 'wasm ops, string in (lede.js)', 'native CLI (massif)', 'native minus CLI base'],
    Object.entries(memory).map(([n, r]) => [n, r.inputBytes, f(r.ops.peak, r.inputBytes), f(r.html.peak, r.inputBytes), f(r.opsFromString.peak, r.inputBytes),
      r.native ? f(r.native.peak, r.inputBytes) : '', r.native ? f(r.native.peak - r.native.base, r.inputBytes) : '']));
  for (const n of ['seed', 'seed40', 'spec']) {
    const r = memory[n];
    if (!r) continue;
    const ratio = r.opsFromString.peak / r.inputBytes;
    const ratioBytes = r.ops.peak / r.inputBytes;
    targets.push([`issue 18: ${n}: peak heap ≤ 4× input (render() of a string / of bytes)`, `${x(ratio)} / ${x(ratioBytes)}`, verdict(ratio <= 4), ratio <= 4 ? '' : `${x(ratio / 4)} over (${r.opsFromString.peak - 4 * r.inputBytes} B)`]);
  }
}

say('### Targets');
say();
table(['target', 'measured', 'verdict', 'by how much'], targets);
writeFileSync(`${dir}results.md`, md.join('\n'));
