// Builds of Lede side by side in one page of headless Chromium (bench/browser/compare.mjs):
// the fair way to measure a change on a shared, noisy machine.
//   node bench/compare.mjs --variants=old:build/base,new:web [--inputs=seed,seed40,spec]
//        [--batches=21] [--target=25] [--parts=render,ops,dom]
// Each variant is a folder under the checkout holding lede.js and dist/lede.wasm (copy a
// build's web/lede.js and web/dist/ aside before changing the code). Inputs come from
// build/bench/inputs/ (node bench/inputs.mjs). Prints medians (ms) per input and row,
// the fastest batch, and each variant against floor b and markdown-wasm + DOMPurify.
// Under load the minima move less than the medians.
import { readFileSync } from 'node:fs';
import { root } from '../tests/browser/helpers.mjs';
import { arg, runPage } from './side-by-side.mjs';

const query = new URLSearchParams({
  variants: arg('variants', 'old:build/base,new:web'),
  inputs: arg('inputs', 'seed,seed40,spec'),
  batches: arg('batches', '21'),
  target: arg('target', '25'),
  parts: arg('parts', 'render,ops'),
});
const mdwasmBytes = readFileSync(`${root}node_modules/markdown-wasm/dist/markdown.wasm`);
const { result: out } = await runPage('compare', query, '__compare', {
  routes: {
    '/bench/browser/markdown.wasm': (req, res) => {
      res.writeHead(200, { 'content-type': 'application/wasm', 'cache-control': 'no-store' });
      res.end(mdwasmBytes);
    },
  },
});
for (const [input, rows] of Object.entries(out.results)) {
  console.log(`${input}:`);
  const floor = rows['floor b'].median;
  const mdwasm = rows['markdown-wasm + DOMPurify'].median;
  for (const [id, r] of Object.entries(rows)) {
    const ratios = id.endsWith(' render') ? `  ${(r.median / floor).toFixed(2)}× floor b, ${(r.median / mdwasm).toFixed(2)}× markdown-wasm` : '';
    console.log(`  ${id.padEnd(28)} ${r.median.toFixed(3).padStart(8)} ms (min ${r.min.toFixed(3)})${ratios}`);
  }
}
