// Issue 17's speed bar on real HTML (bench/html.mjs): per input, each build of Lede's
// render() + append of the article (a createReader({ html: true }), every module loaded
// first) against DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true }) + append of the
// same HTML body, in batches interleaved round robin (each round starting one row later,
// one gc() per round). Medians of the batches.
import DOMPurify from '/node_modules/dompurify/dist/purify.es.mjs';

const params = new URLSearchParams(location.search);
const TARGET_MS = Number(params.get('target') ?? 25);
const BATCHES = Number(params.get('batches') ?? 21);
const INPUTS = params.get('inputs').split(',');
const VARIANTS = params.get('variants').split(',').map((v) => v.split(':'));
const PARTS = (params.get('parts') ?? 'render').split(',');

const log = (s) => {
  document.getElementById('log').textContent += `${s}\n`;
  console.log(s);
};
const stage = document.getElementById('stage');
const gc = globalThis.gc ?? (() => {});
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

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

function batch(c, inp, k) {
  const hosts = [];
  for (let i = 0; i < k; i++) {
    const h = document.createElement('div');
    stage.append(h);
    hosts.push(h);
  }
  const t0 = performance.now();
  for (let i = 0; i < k; i++) c.fn(inp, hosts[i]);
  const t1 = performance.now();
  stage.replaceChildren();
  return (t1 - t0) / k;
}

const results = {};
for (const [name, inp] of Object.entries(inputs)) {
  const plan = [];
  for (const c of cases) {
    let k = 1;
    for (;;) {
      const per = batch(c, inp, k);
      if (per * k >= 5) { k = Math.max(1, Math.ceil(TARGET_MS / Math.max(per, 0.001))); break; }
      k *= 4;
    }
    for (let w = 0; w < 3; w++) batch(c, inp, k);
    plan.push({ c, k, per: [] });
  }
  for (let b = 0; b < BATCHES; b++) {
    gc();
    await new Promise((r) => setTimeout(r, 0));
    for (let q = 0; q < plan.length; q++) {
      const p = plan[(q + b) % plan.length];
      p.per.push(batch(p.c, inp, p.k));
    }
  }
  results[name] = Object.fromEntries(plan.map((p) => [p.c.id, { median: median(p.per), min: Math.min(...p.per), k: p.k }]));
  log(name);
  for (const p of plan) log(`  ${p.c.id.padEnd(28)} ${median(p.per).toFixed(3).padStart(8)} ms`);
}
window.__html = { batches: BATCHES, results };
log('done');
