// The browser benchmark: one page, one run, every contender side by side on every input.
//
// Method: each contender turns article JSON text into DOM appended to a host <div> that
// is attached to the document. performance.now() is coarse here (0.1 ms), so we time
// batches: k iterations, each into its own fresh host, with k chosen so that a batch
// lasts about TARGET_MS. Removing the k hosts is timed separately, after the batch, and
// is not part of any contender's time. Batches of all contenders are interleaved (round
// robin, each round starting one contender later) so that drift and GC hit everyone
// alike; gc() runs once per round when exposed. Lede's rows time web/lede.js as shipped.
// Style and layout are not included: nothing reads layout inside the timed region.
import { buildFragment, createReader } from '/web/lede.js';
import { marked } from '/node_modules/marked/lib/marked.esm.js';
import markdownit from '/node_modules/markdown-it/dist/browser/markdown-it.esm.min.mjs';
import DOMPurify from '/node_modules/dompurify/dist/purify.es.mjs';
import * as mdwasm from '/node_modules/markdown-wasm/dist/markdown.es.js';
import { articleHTML as articleHTMLFor, makeStacks } from './stacks.mjs';
import { program, replay } from './floor.mjs';
import { log, median, stage, timeCases } from './page.mjs';

const params = new URLSearchParams(location.search);
const TARGET_MS = Number(params.get('target') ?? 25);
const BATCHES = Number(params.get('batches') ?? 21);
const INPUTS = (params.get('inputs') ?? 'seed,seed40,spec,note').split(',');


// --- Lede, as shipped: every Lede row calls web/lede.js's exports, nothing else ------
const encoder = new TextEncoder();

// --- the contenders ------------------------------------------------------------------
await mdwasm.ready;
const reader = await createReader();
const stacks = makeStacks({ reader, marked, markdownit, DOMPurify, mdwasm });

const inputs = {};
for (const name of INPUTS) {
  const json = await (await fetch(`/build/bench/inputs/${name}.json`)).text();
  const html = reader.renderHTML(json);
  // The op-stream copied out of wasm memory (renderOps), for the DOM-only row.
  const opStream = reader.renderOps(json);
  const prog = program(opStream);
  inputs[name] = { json, html, opStream, prog, progJSON: JSON.stringify(prog), ops: opStream.ops.length, stringBytes: encoder.encode(opStream.strings + opStream.wide).length };
}

// Each case: (input, host) => void. `main` rows are the contest; the others explain it.
const cases = [
  { id: 'lede', label: 'Lede render() + append', main: true, fn: (inp, host) => stacks.lede(inp.json, host) },
  { id: 'marked', label: 'marked + DOMPurify', main: true, js: true, fn: (inp, host) => stacks.marked(inp.json, host) },
  { id: 'markdownit', label: 'markdown-it + DOMPurify', main: true, js: true, fn: (inp, host) => stacks.markdownit(inp.json, host) },
  { id: 'mdwasm', label: 'markdown-wasm + DOMPurify', main: true, js: true, fn: (inp, host) => stacks.mdwasm(inp.json, host) },
  {
    id: 'floor_template', label: 'floor a: template.innerHTML of Lede HTML + append', main: true, floor: true,
    fn: (inp, host) => { const t = document.createElement('template'); t.innerHTML = inp.html; host.append(t.content); },
  },
  { id: 'floor_ops', label: 'floor b: replay of a pre-decoded op list + append', main: true, floor: true, fn: (inp, host) => host.append(replay(inp.prog)) },
  { id: 'floor_ops_page', label: "replay of the op list made in the page's own document + append", fn: (inp, host) => host.append(replay(inp.prog, true)) },
  // Floor b replays one list's strings in every run, and Blink keeps each string it has
  // converted once (V8 externalises it), so from the second run on its text costs no
  // copy. Every render makes new strings: this row gives each run a list of its own,
  // parsed before the clock starts (docs/performance.md, "Stop 35"). Not the floor.
  {
    id: 'floor_ops_fresh', label: 'floor b with new strings each run (a copy of the op list per run, made outside the clock) + append', part: true,
    prepare: (inp) => JSON.parse(inp.progJSON), fn: (inp, host, prog) => host.append(replay(prog)),
  },
  // Variants and breakdown.
  {
    id: 'marked_innerhtml', label: 'marked + DOMPurify → string → host.innerHTML', fn: (inp, host) => {
      const a = JSON.parse(inp.json);
      host.innerHTML = DOMPurify.sanitize(articleHTMLFor(a, marked.parse(a.body ?? '')));
    },
  },
  {
    id: 'lede_html_template', label: 'Lede renderHTML() → template.innerHTML + append', fn: (inp, host) => {
      const t = document.createElement('template'); t.innerHTML = reader.renderHTML(inp.json); host.append(t.content);
    },
  },
  // Lede's time split in two, both through the shipped exports: the wasm side without
  // DOM, and the DOM side from an op-stream prepared ahead of time.
  { id: 'part_ops', label: 'part: Lede renderOps() (encode, wasm, op-stream copied out; no DOM)', part: true, fn: (inp) => reader.renderOps(inp.json) },
  { id: 'part_dom', label: 'part: Lede buildFragment() of that op-stream + append (DOM only)', part: true, fn: (inp, host) => host.append(buildFragment(inp.opStream)) },
  { id: 'part_html', label: 'part: Lede renderHTML() (encode, wasm, HTML decoded to a string; no DOM)', part: true, fn: (inp) => reader.renderHTML(inp.json) },
  // Lede's article has a player (the seed's audio): a connected media element is among
  // the dearest nodes to make, and the JS stacks' pages have none.
  { id: 'ref_audio', label: 'reference: one <audio controls preload=metadata> appended (Lede\'s player; the JS stacks build none)', part: true, fn: (inp, host) => {
    const a = document.createElement('audio');
    a.setAttribute('src', 'media/once-enemies-listen.wav'); // the seed's, also unserved here
    a.setAttribute('controls', '');
    a.setAttribute('preload', 'metadata');
    host.append(a);
  } },
  { id: 'ref_json_parse', label: 'reference: JSON.parse of the same text in JS', part: true, fn: (inp) => JSON.parse(inp.json) },
  { id: 'ref_marked_html', label: 'reference: marked.parse of the body (no DOM, no DOMPurify)', part: true, fn: (inp) => marked.parse(inp.body ??= JSON.parse(inp.json).body) },
  { id: 'ref_mdwasm_html', label: 'reference: markdown-wasm parse of the body (no DOM, no DOMPurify)', part: true, fn: (inp) => mdwasm.parse(inp.body ??= JSON.parse(inp.json).body) },
  { id: 'ref_purify', label: 'reference: DOMPurify.sanitize of marked\'s whole-article HTML to a fragment', part: true, fn: (inp, host) => {
    inp.markedHTML ??= articleHTMLFor(JSON.parse(inp.json), marked.parse(JSON.parse(inp.json).body));
    host.append(DOMPurify.sanitize(inp.markedHTML, { RETURN_DOM_FRAGMENT: true }));
  } },
];

// --- sanity: what each contender built -----------------------------------------------
function shape(host) {
  return { elements: host.querySelectorAll('*').length, text: host.textContent.length, links: host.querySelectorAll('a[href]').length };
}
const sanity = {};
for (const [name, inp] of Object.entries(inputs)) {
  sanity[name] = {};
  for (const c of cases.filter((c) => !c.part)) {
    const host = document.createElement('div');
    stage.append(host);
    c.fn(inp, host);
    sanity[name][c.id] = shape(host);
    if (c.floor || c.id === 'lede_html_template') {
      const ref = document.createElement('div');
      stacks.lede(inp.json, ref);
      if (ref.innerHTML !== host.innerHTML) throw new Error(`${c.id} does not build Lede's DOM for ${name}`);
    }
    host.remove();
  }
}

const results = {};
for (const [name, inp] of Object.entries(inputs)) {
  log(`${name}: ${inp.json.length} chars of JSON`);
  const plan = await timeCases(cases, inp, {
    target: TARGET_MS, batches: BATCHES, sized: (c, k) => log(`  sized ${c.id}: k=${k}`),
  });
  results[name] = {
    jsonBytes: encoder.encode(inp.json).length,
    htmlBytes: encoder.encode(inp.html).length,
    ops: inp.ops,
    rows: plan.map((p) => ({
      id: p.c.id, label: p.c.label, main: !!p.c.main, js: !!p.c.js, floor: !!p.c.floor, part: !!p.c.part,
      k: p.k, median: median(p.per), min: Math.min(...p.per), max: Math.max(...p.per), removal: median(p.removal),
    })),
    sanity: sanity[name],
  };
  for (const r of results[name].rows) log(`  ${r.id.padEnd(20)} ${r.median.toFixed(3).padStart(8)} ms  (k=${r.k})`);
}

window.__bench = { userAgent: navigator.userAgent, targetMs: TARGET_MS, batches: BATCHES, gcExposed: !!globalThis.gc, results };
log('done');
