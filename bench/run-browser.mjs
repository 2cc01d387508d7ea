// Runs the browser benchmark (bench/browser/index.html) and the cold-start samples
// (bench/browser/cold.html) in Debian's headless Chromium; writes build/bench/browser.json
// and build/bench/cold.json.
//   node bench/run-browser.mjs [--batches=N] [--target=MS] [--cold=N] [--inputs=a,b]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { chromiumArgs, root } from '../tests/browser/helpers.mjs';

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const batches = Number(arg('batches', 21));
const target = Number(arg('target', 25));
const coldSamples = Number(arg('cold', 15));
const inputs = arg('inputs', 'seed,seed40,spec,note');
const out = `${root}build/bench/`;
mkdirSync(out, { recursive: true });

// markdown-wasm's ES module fetches "markdown.wasm" relative to the page.
const mdwasmBytes = readFileSync(`${root}node_modules/markdown-wasm/dist/markdown.wasm`);
const wasmRoute = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/wasm', 'cache-control': 'no-store' });
  res.end(mdwasmBytes);
};
const server = await serve(root, { routes: { '/bench/browser/markdown.wasm': wasmRoute } });
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [...chromiumArgs, '--js-flags=--expose-gc'],
});

try {
  const version = browser.version();
  // --- side by side ---
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
    else if (process.env.LEDE_BENCH_VERBOSE) console.log(`page: ${m.text()}`);
  });
  await page.goto(`${origin}/bench/browser/index.html?batches=${batches}&target=${target}&inputs=${inputs}`);
  const bench = await page
    .waitForFunction(() => window.__bench, null, { timeout: 15 * 60_000, polling: 500 })
    .then((h) => h.jsonValue())
    .catch((e) => {
      throw new Error(`browser benchmark failed: ${problems.join('; ') || e.message}`);
    });
  await page.close();
  bench.chromium = version;
  writeFileSync(`${out}browser.json`, JSON.stringify(bench, null, 1));
  for (const [name, r] of Object.entries(bench.results)) {
    console.log(`browser: ${name} (${r.jsonBytes} B JSON)`);
    for (const row of r.rows) console.log(`browser:   ${row.id.padEnd(20)} ${row.median.toFixed(3).padStart(8)} ms`);
  }

  // --- cold start: each sample in a fresh context (no cache of any kind) ---
  const stacks = ['lede', 'marked', 'markdownit', 'mdwasm'];
  const cold = Object.fromEntries(stacks.map((s) => [s, []]));
  for (let i = 0; i < coldSamples; i++) {
    // Each round starts with the next stack: in a test, the same core's createReader()
    // took 20.4 ms (median of 15) when its context came first in the round and 15.6 ms
    // when it came second, and a fixed order gave the first place to Lede every time.
    for (const s of stacks.map((_, k) => stacks[(k + i) % stacks.length])) {
      const context = await browser.newContext();
      const p = await context.newPage();
      const errs = [];
      p.on('pageerror', (e) => errs.push(e.message));
      await p.goto(`${origin}/bench/browser/cold.html?stack=${s}`);
      const r = await p
        .waitForFunction(() => window.__cold, null, { timeout: 30_000 })
        .then((h) => h.jsonValue())
        .catch((e) => {
          throw new Error(`cold start ${s} failed: ${errs.join('; ') || e.message}`);
        });
      cold[s].push(r);
      await context.close();
    }
  }
  writeFileSync(`${out}cold.json`, JSON.stringify({ chromium: version, samples: cold }, null, 1));
  console.log(`browser: cold start, ${coldSamples} samples each, fresh context per sample`);
} finally {
  await browser.close();
  server.close();
}
