// The first render's cost in wasm, counted instead of timed: in a fresh Node, createReader()
// on a build's lede.js and dist/lede.wasm, then N renderOps() of INPUT. Under callgrind with
// V8's baseline compiler only, the difference between N = 0, 1 and 2 is the first call's
// instructions (V8 compiling each wasm function on its first call, then the baseline code
// running, and the JS path's first run) and the second's, on every thread, the same from run
// to run within about 0.1 % (docs/performance.md, "Stop 29: cold start"):
//   for n in 0 1 2; do valgrind --tool=callgrind --callgrind-out-file=/tmp/cold.$n \
//     node --predictable --liftoff-only bench/cold-node.mjs build/s28 build/bench/inputs/seed.json $n; done
//   grep -h ^summary /tmp/cold.[012]
// Node's V8 is not Chromium's, so only differences between builds mean anything.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, input, count] = process.argv.slice(2);
const web = pathToFileURL(`${resolve(dir)}/`);
globalThis.fetch = async (url) => new Response(readFileSync(new URL(url)), { headers: { 'content-type': 'application/wasm' } });
const { createReader } = await import(new URL('lede.js', web));
const reader = await createReader({ wasmURL: new URL('dist/lede.wasm', web) });
const json = readFileSync(input, 'utf8');
let ops = 0;
for (let i = 0; i < Number(count); i++) ops += reader.renderOps(json).ops.length;
console.log(ops);
