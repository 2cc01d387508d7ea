// Peak heap per input byte, measured from outside the core (no C++ changes):
//  - wasm: a fresh instance of web/dist/lede.wasm per input and format, instantiated with
//    the same imports as web/lede.js. Linear memory never shrinks and emmalloc takes
//    memory from sbrk() only at the top, writing a header/footer at every region's ends,
//    so the highest non-zero byte after the render is the heap's high-water mark.
//    We report that mark minus the mark after _initialize(), and memory.buffer growth.
//  - native: valgrind massif on the CLI (build/bench/lede render FILE), peak mem_heap_B.
// Writes build/bench/memory.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { names, outDir, root } from './inputs.mjs';

const wasm = new WebAssembly.Module(readFileSync(`${root}web/dist/lede.wasm`));
const imports = {
  env: { emscripten_notify_memory_growth() {} },
  wasi_snapshot_preview1: { proc_exit(c) { throw new Error(`exit ${c}`); } },
};

function highWater(memory) {
  const w = new Uint32Array(memory.buffer);
  let i = w.length - 1;
  while (i > 0 && w[i] === 0) i--;
  return (i + 1) * 4;
}

// What Core.call in src/web/core.js puts in wasm memory: bytes in a buffer of 1.15625 ×
// their size plus 64 (the pool's reserve, 1.125 ×, and 1/32 more); a string of up to
// STRING_DIRECT UTF-16 units straight into a buffer of 3 × its length (the UTF-8 worst
// case), a longer one into a buffer of 1.15625 × its length plus 64, moved to a bigger
// one if it does not fit. Both are measured, the same way core.js does it.
const STRING_DIRECT = 16384;
const encoder = new TextEncoder();
function wasmPeak(json, format, inputKind) {
  const x = new WebAssembly.Instance(wasm, imports).exports;
  x._initialize();
  const bytes = encoder.encode(json);
  const before = highWater(x.memory);
  const pagesBefore = x.memory.buffer.byteLength;
  const view = (p, n) => new Uint8Array(x.memory.buffer, p, n);
  let cap = bytes.length;
  let ptr;
  if (inputKind === 'string') {
    const n = json.length;
    cap = n <= STRING_DIRECT ? n * 3 : n + (n >> 3) + (n >> 5) + 64;
    ptr = x.lede_alloc(cap);
    const { read, written } = encoder.encodeInto(json, view(ptr, cap));
    if (read < json.length) {
      cap = written + (json.length - read) * 3;
      const bigger = x.lede_alloc(cap);
      view(bigger, written).set(view(ptr, written));
      x.lede_free(ptr);
      ptr = bigger;
      encoder.encodeInto(json.slice(read), view(ptr + written, cap - written));
    }
  } else {
    const n = bytes.length;
    cap = n + (n >> 3) + (n >> 5) + 64;
    ptr = x.lede_alloc(cap);
    view(ptr, bytes.length).set(bytes);
  }
  // As lede.js calls it: the core frees the input once it has read it (FREE_INPUT).
  const status = x.lede_render(ptr, bytes.length, format | 16);
  if (status !== 0) throw new Error(`render failed: ${status}`);
  return {
    heapBase: before,
    peak: highWater(x.memory) - before,
    inputBuffer: cap,
    memoryBefore: pagesBefore,
    memoryAfter: x.memory.buffer.byteLength,
  };
}

function massifPeak(cli, file) {
  const out = `${outDir}massif.out`;
  execFileSync('valgrind', ['--tool=massif', '--stacks=no', `--massif-out-file=${out}`, cli, 'render', file], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const text = readFileSync(out, 'utf8');
  rmSync(out);
  let peak = 0;
  let peakExtra = 0;
  for (const m of text.matchAll(/mem_heap_B=(\d+)\nmem_heap_extra_B=(\d+)/g)) {
    if (Number(m[1]) > peak) [peak, peakExtra] = [Number(m[1]), Number(m[2])];
  }
  return { peak, peakExtra };
}

const cli = process.argv[2] ?? `${root}build/bench/lede`;
const haveValgrind = existsSync(cli) && (() => {
  try { execFileSync('valgrind', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
})();
// The CLI's own fixed heap (iostreams, the article's file read), from a minimal article.
const minimal = `${outDir}minimal.json`;
writeFileSync(minimal, '{"title":"x"}');
const nativeBase = haveValgrind ? massifPeak(cli, minimal).peak : 0;

const results = {};
for (const name of names) {
  const file = `${outDir}${name}.json`;
  const json = readFileSync(file, 'utf8');
  const inputBytes = Buffer.byteLength(json);
  const r = {
    inputBytes,
    ops: wasmPeak(json, 0, 'bytes'),
    html: wasmPeak(json, 1, 'bytes'),
    opsFromString: wasmPeak(json, 0, 'string'),
  };
  if (haveValgrind) r.native = { ...massifPeak(cli, file), base: nativeBase };
  results[name] = r;
  const f = (v) => (v / inputBytes).toFixed(2);
  console.log(
    `memory: ${name.padEnd(7)} ${String(inputBytes).padStart(7)} B in: wasm peak heap ops ${r.ops.peak} B (${f(r.ops.peak)}×), ` +
      `html ${r.html.peak} B (${f(r.html.peak)}×), ops from a JS string ${r.opsFromString.peak} B (${f(r.opsFromString.peak)}×); ` +
      `memory ${r.ops.memoryBefore >> 10} → ${r.ops.memoryAfter >> 10} KiB` +
      (r.native ? `; native massif peak ${r.native.peak} B (${f(r.native.peak)}×, ${f(r.native.peak - nativeBase)}× over the CLI's base ${nativeBase} B)` : ''),
  );
}
writeFileSync(`${root}build/bench/memory.json`, JSON.stringify(results, null, 1));
