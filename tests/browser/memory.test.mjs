// 10,000 renders of good and bad articles in one wasm instance: the heap in use ends
// where it started (within two 64 KiB pages), and the instance never traps. lede-html.wasm
// runs with lede-gumbo.wasm (gumbo, named references), lede-xml.wasm (feeds) and
// lede-markdown.wasm (md4c: its Markdown) behind its imports, as in lede.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './helpers.mjs';
import { makeInputs } from '../../bench/inputs.mjs';

const seed = readFileSync(join(root, 'web/articles/once-enemies.json'), 'utf8');
const suite = join(root, '..', 'shared', 'corpora', 'jsontestsuite', 'test_parsing');
const bad = readdirSync(suite).filter((f) => f.startsWith('n_')).slice(0, 60).map((f) => readFileSync(join(suite, f)));
const mix = [
  Buffer.from(seed),
  Buffer.from(JSON.stringify({ title: 'Deep', body: '>'.repeat(100) + ' x' })), // too deep
  Buffer.from(JSON.stringify({ title: 'Safe', body: 'H<sub>2</sub>O <script>x</script>', related: [{ title: 'r', url: 'javascript:x' }] })),
  Buffer.from('{"title": 3}'), // schema
  // HTML bodies and other formats: rendered by lede-html.wasm, refused (needs_html_parser) by lede.wasm.
  Buffer.from(JSON.stringify({ title: 'HTML', body_format: 'html', body: '<p>a<img src="a.png"><script>x</script></p><table><tr><td>1</td></tr></table>' })),
  Buffer.from(JSON.stringify({ title: 'Readability', byline: 'B', content: '<div><p>Para <b>one</b></p><figure><img data-src="x.jpg"><figcaption>c</figcaption></figure></div>', excerpt: 'e', siteName: 's' })),
  Buffer.from(JSON.stringify({ title: 'Table', body: '| a | b |\n|---|---|\n' + '| 1 | 2 |\n'.repeat(200) })),
  // HTML the quick parser gives up on: parsed by lede-gumbo.wasm, its events read back.
  Buffer.from(JSON.stringify({ title: 'Misnested', body_format: 'html', body: '<p>a <b>b <i>c</b> d</i></p><td>e</td><svg><circle r="1"/></svg>' })),
  // A named reference outside HTML 4's: lede-html.wasm asks lede-gumbo.wasm's table.
  Buffer.from(JSON.stringify({ title: 'Relations', content: '<p>A &ngE; B &DifferentialD;x</p>' })),
  // Feeds (issue 19): XML through expat, a well-formed one and one cut short.
  Buffer.from('<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>C</title><item><title>R</title>' +
    '<content:encoded><![CDATA[<p>a <img src="/x.png"></p>]]></content:encoded><pubDate>Wed, 03 Jan 2018 13:47:00 GMT</pubDate></item></channel></rss>'),
  Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">A &amp;lt;b&amp;gt;</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x'),
  ...bad,
];

for (const file of ['lede.wasm', 'lede-html.wasm']) {
  test(`${file}: 10,000 mixed renders leave the heap where it started`, () => {
    const module = new WebAssembly.Module(readFileSync(join(root, 'web/dist', file)));
    // lede-html.wasm reaches gumbo, expat and md4c through two imports each, answered as lede.js does.
    const parser = (name) => {
      const m = new WebAssembly.Module(readFileSync(join(root, `web/dist/lede-${name}.wasm`)));
      const env = { emscripten_notify_memory_growth() {}, getentropy: () => 52 };
      const wasi = {};
      for (const { module: from, name: f, kind } of WebAssembly.Module.imports(m)) if (kind === 'function' && from === 'wasi_snapshot_preview1') wasi[f] = () => 52;
      const p = new WebAssembly.Instance(m, { env, wasi_snapshot_preview1: wasi }).exports;
      p._initialize();
      let size = 0;
      return {
        [`lede_${name}_parse`](ptr, n, ...limits) {
          const at = p[`lede_${name}_alloc`](n);
          new Uint8Array(p.memory.buffer, at, n).set(new Uint8Array(x.memory.buffer, ptr, n));
          return (size = p[`lede_${name}_parse`](at, n, ...limits));
        },
        [`lede_${name}_take`](ptr) {
          new Uint8Array(x.memory.buffer, ptr, size).set(new Uint8Array(p.memory.buffer, p[`lede_${name}_data`](), size));
          p[`lede_${name}_clear`]();
        },
        // Named references outside HTML 4's, from lede-gumbo.wasm's full table.
        ...(name === 'gumbo' && {
          lede_entity(ptr, n, out) {
            const slot = p.lede_gumbo_entity_slot();
            new Uint8Array(p.memory.buffer, slot, n).set(new Uint8Array(x.memory.buffer, ptr, n));
            const found = p.lede_gumbo_entity(n);
            if (found === 1) new Uint32Array(x.memory.buffer, out, 2).set(new Uint32Array(p.memory.buffer, slot + 32, 2));
            return found;
          },
        }),
      };
    };
    const imports = { env: { emscripten_notify_memory_growth() {}, ...parser('gumbo'), ...parser('xml'), ...parser('markdown') }, wasi_snapshot_preview1: {} };
    for (const { module: m, name, kind } of WebAssembly.Module.imports(module))
      if (kind === 'function' && m === 'wasi_snapshot_preview1') imports[m][name] = () => 52;
    const x = new WebAssembly.Instance(module, imports).exports;
    x._initialize();
    // Ops and HTML in turn; every other pair with FREE_INPUT (16), as lede.js calls it:
    // then the core frees the input itself, and a leak or a double free shows here.
    const render = (bytes, i) => {
      const ptr = x.lede_alloc(bytes.length);
      new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
      const coreFrees = i % 4 >= 2;
      const status = x.lede_render(ptr, bytes.length, (i % 2) | (coreFrees ? 16 : 0));
      if (!coreFrees) x.lede_free(ptr);
      return status;
    };
    // The core keeps its output buffers between renders, sized by the last article: the
    // two readings are taken after the same article in the same format. One period of
    // the mix (every article as ops and as HTML, each freed both ways) first, then whole periods past 10,000.
    const period = 4 * mix.length;
    const rounds = Math.ceil(10000 / period) * period;
    for (let i = 0; i < period; i++) render(mix[i % mix.length], i);
    const start = x.lede_heap_in_use();
    const statuses = new Set();
    for (let i = 0; i < rounds; i++) statuses.add(render(mix[i % mix.length], i));
    const end = x.lede_heap_in_use();
    assert.ok(statuses.has(0) && statuses.size > 2, `a mix of outcomes: ${[...statuses]}`);
    assert.ok(Math.abs(end - start) <= 2 * 65536, `heap in use went from ${start} to ${end} bytes`);
    console.log(`${file}: heap in use ${start} → ${end} bytes after ${rounds} renders (outcomes ${[...statuses].sort()})`);
  });
}

// Issue 18's peak heap bar: at most 4× the input for the seed, seed40 (the seed's body 40
// times) and spec (CommonMark's spec as the body), bench/inputs.mjs's articles, given as
// bytes and as a JS string. Measured as bench/memory.mjs does: a fresh instance, the
// input put in wasm memory as src/web/core.js puts it (a buffer of 1.15625 × its size plus
// 64, a long string encoded straight into it), the core freeing it once read, and the
// highest non-zero byte after the render (linear memory never shrinks, and emmalloc takes
// memory only at the top). Before stop 28 the peaks were 4.75×/4.87× (seed, bytes/string),
// 3.83×/4.62× (seed40) and 4.20×/4.33× (spec): nlohmann's lexer kept a copy of the body's
// raw bytes, and the buffers were 1.125× (bytes) and 1.25× (a string) their size.
const articles = makeInputs();
const encoder = new TextEncoder();
const core = new WebAssembly.Module(readFileSync(join(root, 'web/dist/lede.wasm')));
function peakHeap(json, kind) {
  const x = new WebAssembly.Instance(core, {
    env: { emscripten_notify_memory_growth() {} },
    wasi_snapshot_preview1: { proc_exit(c) { throw new Error(`exit ${c}`); } },
  }).exports;
  x._initialize();
  const highWater = () => {
    const w = new Uint32Array(x.memory.buffer);
    let i = w.length - 1;
    while (i > 0 && w[i] === 0) i--;
    return (i + 1) * 4;
  };
  const before = highWater();
  const bytes = encoder.encode(json);
  // core.js: a string of more than 16 KiB UTF-16 units, or bytes, get n + n/8 + n/32 + 64.
  const n = kind === 'bytes' ? bytes.length : json.length;
  assert.ok(n > 16384);
  const capacity = n + (n >> 3) + (n >> 5) + 64;
  const ptr = x.lede_alloc(capacity);
  const into = new Uint8Array(x.memory.buffer, ptr, capacity);
  if (kind === 'bytes') into.set(bytes);
  else assert.equal(encoder.encodeInto(json, into).read, json.length, 'the string fits its first buffer');
  assert.equal(x.lede_render(ptr, bytes.length, 16), 0);
  return { peak: highWater() - before, size: bytes.length };
}

for (const name of ['seed', 'seed40', 'spec']) {
  for (const kind of ['bytes', 'string']) {
    test(`lede.wasm: the peak heap of ${name} read from ${kind === 'bytes' ? 'bytes' : 'a JS string'} is at most 4× its size`, () => {
      const { peak, size } = peakHeap(articles[name].json, kind);
      console.log(`${name} from ${kind}: peak heap ${peak} B = ${(peak / size).toFixed(2)}× the input (${size} B)`);
      assert.ok(peak <= 4 * size, `peak heap ${peak} B = ${(peak / size).toFixed(2)}× the input (${size} B)`);
    });
  }
}
