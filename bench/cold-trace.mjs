// Where a cold start's time goes: one sample of bench/browser/cold.html (a fresh context,
// as bench/cold.mjs --stacks runs it) under Chromium's tracing, the main thread's events
// between the page's marks summed by name (self time: a nested event's time is taken out
// of its parent's), and the other threads' wasm compile work in the same window.
//   node bench/cold-trace.mjs [--stack=lede] [--lede=build/s28] [--out=build/cold-trace.json]
//        [--samples=1] [--profile=1] [--verbose=1] [--categories=...]
// --profile=1 adds V8's sampling profiler (100 µs) and prints the first render's functions
// by self samples; a build keeping its function names (LEDE_WASM_NAMES) names wasm's.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { chromiumArgs, root } from '../tests/browser/helpers.mjs';
import { arg } from './side-by-side.mjs';

const stack = arg('stack', 'lede');
const lede = arg('lede', 'build/s28');
const out = arg('out', null);
const samples = Number(arg('samples', 1));
const profile = arg('profile', null) !== null;
const verbose = arg('verbose', null) !== null;
// Function names from the build's name section, if it kept one (LEDE_WASM_NAMES).
const names = wasmNames(readFileSync(`${root}${lede}/dist/lede.wasm`));
const categories = arg(
  'categories',
  'devtools.timeline,v8,v8.wasm,disabled-by-default-v8.wasm.detailed,disabled-by-default-v8.compile,v8.execute,blink.user_timing,disabled-by-default-devtools.timeline,loading',
);

const server = await serve(root);
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
const mdwasm = readFileSync(`${root}node_modules/markdown-wasm/dist/markdown.wasm`);

async function sample() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await context.route('**/bench/browser/markdown.wasm', (r) => r.fulfill({ body: mdwasm, contentType: 'application/wasm', headers: { 'cache-control': 'no-store' } }));
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: categories.split(',') }, transferMode: 'ReportEvents' });
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${origin}/bench/browser/cold.html?stack=${stack}&lede=${lede}`);
  const r = await page.waitForFunction(() => window.__cold, null, { timeout: 60_000 }).then((h) => h.jsonValue());
  const prof = profile ? (await cdp.send('Profiler.stop')).profile : null;
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  return { r, events, prof };
}

function wasmNames(b) {
  let p = 8;
  const leb = () => {
    let r = 0;
    let shift = 0;
    let x;
    do {
      x = b[p++];
      r += (x & 127) * 2 ** shift;
      shift += 7;
    } while (x & 128);
    return r;
  };
  const names = {};
  while (p < b.length) {
    const id = b[p++];
    const end = leb() + p;
    if (id === 0) {
      const n = leb();
      if (b.subarray(p, p + n).toString() === 'name') {
        p += n;
        while (p < end) {
          const sub = b[p++];
          const subEnd = leb() + p;
          if (sub === 1) {
            for (let i = leb(); i > 0; i--) {
              const index = leb();
              const len = leb();
              names[index] = b.subarray(p, p + len).toString();
              p += len;
            }
          }
          p = subEnd;
        }
      }
    }
    p = end;
  }
  return names;
}

const fmt = (us) => (us / 1000).toFixed(2).padStart(7);
try {
  for (let s = 0; s < samples; s++) {
    const { r, events, prof } = await sample();
    if (out) writeFileSync(out.replace(/\.json$/, `${s || ''}.json`), JSON.stringify({ traceEvents: events }));
    console.log(`sample ${s}: total ${r.total.toFixed(1)}  load ${r.load.toFixed(1)}  first render ${r.firstRender.toFixed(1)}  second ${r.secondRender.toFixed(1)} ms`);
    console.log(`  fetches (asked, first byte, last byte; ms from import()): ${r.fetches.map(([n, a, b, c]) => `${n} ${a}, ${b}, ${c}`).join('; ')}`);
    const mark = (name) => events.find((e) => e.name === name && e.cat.includes('user_timing'));
    const m = ['cold-start', 'cold-loaded', 'cold-rendered', 'cold-again'].map(mark);
    if (m.some((e) => !e)) {
      console.log('  (marks missing)');
      continue;
    }
    const main = m[0];
    const windows = [['import + createReader()', m[0].ts, m[1].ts], ['first render + append', m[1].ts, m[2].ts], ['second render', m[2].ts, m[3].ts]];
    for (const [label, from, to] of windows) {
      console.log(`  ${label}: ${fmt(to - from)} ms`);
      // Complete events (X) and B/E pairs of the main thread, self time by name.
      const own = events
        .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts < to && e.ts + (e.dur ?? 0) > from)
        .map((e) => ({ name: e.name, start: Math.max(e.ts, from), end: Math.min(e.ts + (e.dur ?? 0), to) }))
        .sort((a, b) => a.start - b.start || b.end - a.end);
      const self = new Map();
      const stackOf = [];
      for (const e of own) {
        while (stackOf.length && stackOf.at(-1).end <= e.start) stackOf.pop();
        if (stackOf.length) stackOf.at(-1).self -= e.end - e.start;
        e.self = e.end - e.start;
        stackOf.push(e);
      }
      for (const e of own) self.set(e.name, (self.get(e.name) ?? 0) + e.self);
      const rows = [...self].sort((a, b) => b[1] - a[1]).filter(([, t]) => t >= 100);
      for (const [name, t] of rows.slice(0, 14)) console.log(`    ${fmt(t)}  ${name}`);
      // Other threads: wasm compilation and anything long.
      const others = new Map();
      for (const e of events) {
        if (e.tid === main.tid || e.ph !== 'X' || !(e.ts < to && e.ts + (e.dur ?? 0) > from)) continue;
        if (!/wasm|Compile|compile/i.test(e.name)) continue;
        const k = `[thread ${e.tid}] ${e.name}`;
        others.set(k, (others.get(k) ?? 0) + Math.min(e.ts + e.dur, to) - Math.max(e.ts, from));
      }
      for (const [name, t] of [...others].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`    ${fmt(t)}  ${name}`);
      // Instant and counted wasm events on the main thread (lazy compiles, tier-ups).
      const counts = new Map();
      for (const e of events) {
        if (e.pid !== main.pid || !(e.ts >= from && e.ts < to) || !/wasm/i.test(e.cat)) continue;
        counts.set(`${e.tid === main.tid ? 'main' : 'other'} ${e.name}`, (counts.get(`${e.tid === main.tid ? 'main' : 'other'} ${e.name}`) ?? 0) + 1);
      }
      if (counts.size && verbose) console.log(`    wasm events: ${[...counts].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
      // The functions compiled on first call in this window (Liftoff, on the main thread):
      // how many, how many bytes of body, and the largest, named if the build kept names.
      const lazy = events.filter((e) => e.name === 'wasm.CompileBaseline' && e.tid === main.tid && e.ts >= from && e.ts < to);
      if (lazy.length) {
        const bytes = lazy.reduce((a, e) => a + e.args.bodySize, 0);
        const inclusive = events
          .filter((e) => e.name === 'wasm.CompileLazy' && e.tid === main.tid && e.ts >= from && e.ts < to)
          .reduce((a, e) => a + e.dur, 0);
        console.log(`    compiled on first call: ${lazy.length} functions, ${bytes} B of body, ${fmt(inclusive)} ms (Liftoff ${fmt(lazy.reduce((a, e) => a + e.dur, 0))})`);
        const top = [...lazy].sort((a, b) => b.args.bodySize - a.args.bodySize).slice(0, verbose ? 20 : 6);
        for (const e of top) console.log(`      ${String(e.args.bodySize).padStart(6)} B ${fmt(e.dur)} ms  ${names[e.args.funcIndex] ?? `#${e.args.funcIndex}`}`.slice(0, 160));
      }
      const tier = events.filter((e) => e.name === 'wasm.TopTierCompilation' && e.ts < to && e.ts + (e.dur ?? 0) > from);
      if (tier.length) console.log(`    TurboFan (background): ${tier.length} jobs, ${fmt(tier.reduce((a, e) => a + (e.dur ?? 0), 0))} ms`);
    }
    if (prof) {
      // Self samples by function inside the first render's window (the profile's clock
      // is the trace's).
      const byId = new Map(prof.nodes.map((n) => [n.id, n]));
      const from = m[1].ts;
      const to = m[2].ts;
      let t = prof.startTime;
      const self = new Map();
      let total = 0;
      prof.samples.forEach((id, i) => {
        t += prof.timeDeltas[i];
        if (t < from || t >= to) return;
        const f = byId.get(id).callFrame;
        const k = `${f.functionName || '(anon)'} ${f.url ? f.url.replace(/.*\//, '') : ''}`;
        self.set(k, (self.get(k) ?? 0) + 1);
        total++;
      });
      console.log(`  first render, ${total} samples (100 µs):`);
      for (const [k, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`    ${String(n).padStart(5)}  ${k}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
