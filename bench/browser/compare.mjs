// Builds of Lede side by side in one page (bench/compare.mjs): each variant is a folder
// with its own lede.js and dist/lede.wasm, loaded from its own URL, so each has its own
// core. Per input, every variant's render() + append and renderOps() are timed in
// batches interleaved round robin (each round starting one row later, one gc() per
// round), with the bench's floor b and markdown-wasm + DOMPurify as rows of the same
// page, so that ratios are read from one run. Medians of the batches.
import DOMPurify from '/node_modules/dompurify/dist/purify.es.mjs';
import * as mdwasm from '/node_modules/markdown-wasm/dist/markdown.es.js';
import { makeStacks } from './stacks.mjs';
import { program, replay } from './floor.mjs';
import { log, timeInputs } from './page.mjs';

const params = new URLSearchParams(location.search);
const TARGET_MS = Number(params.get('target') ?? 25);
const BATCHES = Number(params.get('batches') ?? 21);
const INPUTS = (params.get('inputs') ?? 'seed,seed40,spec').split(',');
const VARIANTS = params.get('variants').split(',').map((v) => v.split(':'));
const PARTS = (params.get('parts') ?? 'render,ops').split(',');


await mdwasm.ready;
const cases = [];
const readers = [];
for (const [name, dir] of VARIANTS) {
  const lede = await import(`/${dir}/lede.js`);
  const reader = await lede.createReader();
  readers.push(reader);
  if (PARTS.includes('render')) cases.push({ id: `${name} render`, fn: (inp, host) => host.append(reader.render(inp.json)) });
  if (PARTS.includes('ops')) cases.push({ id: `${name} renderOps`, fn: (inp) => reader.renderOps(inp.json) });
  if (PARTS.includes('dom')) cases.push({ id: `${name} buildFragment`, fn: (inp, host) => host.append(lede.buildFragment(inp.opStreams[name])) });
}
const stacks = makeStacks({ DOMPurify, mdwasm });
cases.push({ id: 'floor b', fn: (inp, host) => host.append(replay(inp.prog)) });
cases.push({ id: 'markdown-wasm + DOMPurify', fn: (inp, host) => stacks.mdwasm(inp.json, host) });

const inputs = {};
for (const name of INPUTS) {
  const json = await (await fetch(`/build/bench/inputs/${name}.json`)).text();
  const first = readers[0].renderHTML(json);
  // Every variant must build the same article.
  VARIANTS.forEach(([v], i) => {
    if (readers[i].renderHTML(json) !== first) log(`WARNING: ${v} renders ${name} differently from ${VARIANTS[0][0]}`);
  });
  const opStreams = Object.fromEntries(VARIANTS.map(([v], i) => [v, readers[i].renderOps(json)]));
  inputs[name] = { json, opStreams, prog: program(opStreams[VARIANTS[0][0]]) };
}

const results = await timeInputs(inputs, cases, { target: TARGET_MS, batches: BATCHES });
window.__compare = { batches: BATCHES, results };
log('done');
