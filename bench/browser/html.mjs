// Issue 17's speed bar on real HTML (bench/html.mjs): per input, each build of Lede's
// render() + append of the article (a createReader({ html: true }), every module loaded
// first) against DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true }) + append of the
// same HTML body, in batches interleaved round robin (each round starting one row later,
// one gc() per round). Medians of the batches.
import DOMPurify from '/node_modules/dompurify/dist/purify.es.mjs';
import { log, timeInputs } from './page.mjs';

const params = new URLSearchParams(location.search);
const TARGET_MS = Number(params.get('target') ?? 25);
const BATCHES = Number(params.get('batches') ?? 21);
const INPUTS = params.get('inputs').split(',');
const VARIANTS = params.get('variants').split(',').map((v) => v.split(':'));
const PARTS = (params.get('parts') ?? 'render').split(',');

const cases = [];
const readers = [];
for (const [name, dir] of VARIANTS) {
  const lede = await import(`/${dir}/lede.js`);
  const reader = await lede.createReader({ html: true });
  readers.push(reader);
  if (PARTS.includes('render')) cases.push({ id: `${name} render`, fn: (inp, host) => host.append(reader.render(inp.json)) });
  if (PARTS.includes('ops')) cases.push({ id: `${name} renderOps`, fn: (inp) => reader.renderOps(inp.json) });
  if (PARTS.includes('dom')) cases.push({ id: `${name} buildFragment`, fn: (inp, host) => host.append(lede.buildFragment(inp.opStreams[name])) });
}
cases.push({ id: 'DOMPurify', fn: (inp, host) => host.append(DOMPurify.sanitize(inp.html, { RETURN_DOM_FRAGMENT: true })) });

const inputs = {};
for (const name of INPUTS) {
  const { json, html } = await (await fetch(`/build/bench/html/${name}.json`)).json();
  const first = readers[0].renderHTML(json);
  // Every variant must build the same article.
  VARIANTS.forEach(([v], i) => {
    if (readers[i].renderHTML(json) !== first) log(`WARNING: ${v} renders ${name} differently from ${VARIANTS[0][0]}`);
  });
  const opStreams = Object.fromEntries(VARIANTS.map(([v], i) => {
    const o = readers[i].renderOps(json);
    return [v, { ...o, ops: o.ops.slice() }];
  }));
  inputs[name] = { json, html, opStreams };
}

const results = await timeInputs(inputs, cases, { target: TARGET_MS, batches: BATCHES });
window.__html = { batches: BATCHES, results };
log('done');
