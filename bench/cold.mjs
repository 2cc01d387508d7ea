// Cold start of <lede-reader src>, builds of Lede side by side (bench/browser/cold-reader.*):
// from import() of lede.js to the article shown, the article's fetch included.
//   node bench/cold.mjs [--variants=old:build/base,new:web] [--inputs=seed,wordpress-post]
//        [--samples=15] [--latency=0] [--kbps=0] [--stacks]
// Each sample is a fresh browser context (every response is no-store: no HTTP, code or wasm
// cache); variants and inputs are interleaved, each round starting one variant later.
// --latency=MS holds every response MS before answering it, like a network's round trip,
// which a local server does not have: what an order of fetches costs shows there.
// --kbps=N then sends each body in 16 KiB pieces at N KB/s, so that a large article
// arrives over time (every response alike: the core's too).
// --stacks: instead, bench/browser/cold.html's cold start (createReader() and a render of
// the seed, fetched outside the clock) for each variant and the JS stacks.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve, testHooks } from '../scripts/serve.mjs';
import { chromiumArgs, root } from '../tests/browser/helpers.mjs';
import { arg } from './side-by-side.mjs';

const variants = arg('variants', 'old:build/base,new:web').split(',').map((v) => v.split(':'));
const inputs = arg('inputs', 'seed,wordpress-post').split(',');
const samples = Number(arg('samples', 15));
const latency = Number(arg('latency', 0));
const kbps = Number(arg('kbps', 0));
const SRC = {
  seed: '/build/bench/inputs/seed.json',
  seed40: '/build/bench/inputs/seed40.json',
  'wordpress-post': '/tests/fixtures/formats/wordpress.json',
};

const server = await serve(root);
const pace = (res) => {
  const end = res.end.bind(res);
  res.end = (body) => {
    if (typeof body === 'string') body = Buffer.from(body);
    if (!body?.length) return end(body);
    const piece = 16384;
    const send = (at) => {
      if (at + piece >= body.length) return end(body.subarray(at));
      res.write(body.subarray(at, at + piece));
      setTimeout(() => send(at + piece), piece / kbps);
    };
    send(0);
    return res;
  };
};
if (latency || kbps) {
  testHooks.request = (req, res) => {
    if (req.delayed) return false;
    req.delayed = true;
    if (kbps) pace(res);
    setTimeout(() => server.emit('request', req, res), latency);
    return true;
  };
}
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
const results = {};
const mdwasm = readFileSync(`${root}node_modules/markdown-wasm/dist/markdown.wasm`);
const stackRuns = [...variants.map(([name, dir]) => [name, `stack=lede&lede=${dir}`]), ...['marked', 'markdownit', 'mdwasm'].map((s) => [s, `stack=${s}`])];
try {
  for (let i = 0; arg('stacks', null) !== null && i < samples; i++) {
    for (const [name, query] of stackRuns.map((_, k) => stackRuns[(k + i) % stackRuns.length])) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await context.route('**/bench/browser/markdown.wasm', (r) => r.fulfill({ body: mdwasm, contentType: 'application/wasm', headers: { 'cache-control': 'no-store' } }));
      await page.goto(`${origin}/bench/browser/cold.html?${query}`);
      const r = await page.waitForFunction(() => window.__cold, null, { timeout: 60_000 }).then((h) => h.jsonValue());
      await context.close();
      ((results.stacks ??= {})[name] ??= []).push(r);
    }
  }
  for (let i = 0; arg('stacks', null) === null && i < samples; i++) {
    for (const input of inputs) {
      for (const [name, dir] of variants.map((_, k) => variants[(k + i) % variants.length])) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${origin}/bench/browser/cold-reader.html?lede=${dir}&src=${SRC[input] ?? input}`);
        const r = await page
          .waitForFunction(() => window.__cold, null, { timeout: 60_000 })
          .then((h) => h.jsonValue())
          .catch((e) => {
            throw new Error(`cold start ${name} ${input} failed: ${errors.join('; ') || e.message}`);
          });
        await context.close();
        ((results[input] ??= {})[name] ??= []).push(r);
      }
    }
  }
} finally {
  await browser.close();
  server.close();
  testHooks.request = null;
}
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`Chromium ${browser.version()}, ${samples} samples each, latency ${latency} ms; median ms (min)`);
for (const [input, rows] of Object.entries(results)) {
  console.log(`${input}:`);
  for (const [name, rs] of Object.entries(rows)) {
    const m = (k) => median(rs.map((r) => r[k])).toFixed(1);
    if (input === 'stacks') {
      console.log(`  ${name.padEnd(10)} total ${m('total').padStart(6)} (${Math.min(...rs.map((r) => r.total)).toFixed(1)})  import + init ${m('load').padStart(5)}  first render ${m('firstRender').padStart(5)}  second ${m('secondRender').padStart(5)}`);
      continue;
    }
    const min = Math.min(...rs.map((r) => r.total)).toFixed(1);
    console.log(`  ${name.padEnd(8)} total ${m('total').padStart(6)} (${min})  import ${m('load').padStart(5)}  reader ${m('reader').padStart(6)}  article in at ${m('articleEnd')}, core from ${m('wasmStart')} to ${m('wasmEnd')}, then ${m('after')} to shown  [${rs[0].wasm.join(' ')}; ${rs[0].elements} elements]`);
  }
}
