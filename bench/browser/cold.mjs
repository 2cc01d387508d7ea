// Cold start: from import() of the stack's modules to the seed article appended to the
// page, in a page that has loaded none of them. The article's JSON text is fetched first,
// outside the clock, as it would be whichever stack shows it. Every response is served
// with cache-control: no-store and each sample runs in a fresh browser context, so no
// HTTP, code or wasm cache helps.
import { makeStacks } from './stacks.mjs';

const stack = new URLSearchParams(location.search).get('stack');
const json = await (await fetch('/build/bench/inputs/seed.json')).text();
const host = document.getElementById('host');
await new Promise((r) => setTimeout(r, 20));

const PURIFY = '/node_modules/dompurify/dist/purify.es.mjs';
const start = {
  async lede() {
    // ?lede=DIR: another build's lede.js and dist/ (bench/cold.mjs --stacks).
    const { createReader } = await import(`/${new URLSearchParams(location.search).get('lede') ?? 'web'}/lede.js`);
    return { reader: await createReader() };
  },
  async marked() {
    const [m, p] = await Promise.all([import('/node_modules/marked/lib/marked.esm.js'), import(PURIFY)]);
    return { marked: m.marked, DOMPurify: p.default };
  },
  async markdownit() {
    const [m, p] = await Promise.all([import('/node_modules/markdown-it/dist/browser/markdown-it.esm.min.mjs'), import(PURIFY)]);
    return { markdownit: m.default, DOMPurify: p.default };
  },
  async mdwasm() {
    const [m, p] = await Promise.all([import('/node_modules/markdown-wasm/dist/markdown.es.js'), import(PURIFY)]);
    await m.ready;
    return { mdwasm: m, DOMPurify: p.default };
  },
};

// Marks for a trace of one sample (bench/cold-trace.mjs).
performance.mark('cold-start');
const t0 = performance.now();
const libs = await start[stack]();
const t1 = performance.now();
performance.mark('cold-loaded');
makeStacks(libs)[stack](json, host);
const t2 = performance.now();
performance.mark('cold-rendered');
// The second render, right after: how much of the first was cold code (Liftoff, the JS
// interpreter) rather than work.
const again = document.createElement('div');
makeStacks(libs)[stack](json, again);
const t3 = performance.now();
performance.mark('cold-again');
// The clock's fetches (Resource Timing, ms from t0): when each was asked for, its first
// byte and its last, for bench/cold-trace.mjs and anyone reading a sample.
const fetches = performance
  .getEntriesByType('resource')
  .filter((e) => e.startTime >= t0)
  .map((e) => [e.name.replace(/^.*\//, ''), e.startTime - t0, e.responseStart - t0, e.responseEnd - t0].map((v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)));
window.__cold = { stack, total: t2 - t0, load: t1 - t0, firstRender: t2 - t1, secondRender: t3 - t2, elements: host.querySelectorAll('*').length, fetches };
