// What the op-stream's string pool costs in the browser: one pool (every string in stream
// order, as until this change) against the two the core writes now (op_writer.hpp: the
// ASCII strings apart, so that they decode into a one-byte string). Per input, from the
// op-stream of one renderOps():
//   decode          TextDecoder of one pool's UTF-8
//   decode 2 pools  the two parts, one TextDecoder call each, as core.js does it
//   build           buildFragment() + append of the one-pool stream (every string
//                   two-byte as soon as the pool holds one curly quote)
//   build 2 pools   buildFragment() + append of the stream as renderOps() gives it
// Both builds make the same DOM (checked).
import { log, timeInputs } from './page.mjs';

const params = new URLSearchParams(location.search);
const INPUTS = params.get('inputs').split(',');
const lede = await import(`/${params.get('lede') ?? 'web'}/lede.js`);
const reader = await lede.createReader({ html: true });
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const inputs = {};
const counts = {};
for (const name of INPUTS) {
  const { json } = await (await fetch(`/build/bench/html/${name}.json`)).json();
  const two = reader.renderOps(json);
  // The same stream with one pool: every string in stream order, no WIDE flags.
  const ops = two.ops.slice();
  let all = '';
  let pos = 0;
  let end = two.wide.length;
  let strings = 0;
  let asciiStrings = 0;
  for (let i = 0; i < ops.length; i++) {
    const code = ops[i] & 0x7f;
    if (code !== 3 && code !== 4) continue;
    const wide = ops[i] & 128;
    ops[i] &= ~128;
    const n = ops[++i];
    all += wide ? two.wide.slice((end -= n), end + n) : two.strings.slice(pos, (pos += n));
    strings++;
    if (!wide) asciiStrings++;
  }
  const bytes = encoder.encode(all);
  const one = { ops, strings: decoder.decode(bytes), tags: two.tags, attrs: two.attrs };
  const asciiBytes = encoder.encode(two.strings);
  const wideBytes = encoder.encode(two.wide);
  const a = document.createElement('div');
  const b = document.createElement('div');
  a.append(lede.buildFragment(one));
  b.append(lede.buildFragment(two));
  if (a.innerHTML !== b.innerHTML) log(`WARNING: ${name}: the two replays differ`);
  counts[name] = `${strings} strings, ${asciiStrings} ASCII (${asciiBytes.length} of ${bytes.length} bytes)`;
  log(`${name}: ${counts[name]}`);
  inputs[name] = { one, two, bytes, asciiBytes, wideBytes };
}

const cases = [
  { id: 'decode', fn: (inp) => decoder.decode(inp.bytes) },
  { id: 'decode 2 pools', fn: (inp) => [decoder.decode(inp.asciiBytes), decoder.decode(inp.wideBytes)] },
  { id: 'build', fn: (inp, host) => host.append(lede.buildFragment(inp.one)) },
  { id: 'build 2 pools', fn: (inp, host) => host.append(lede.buildFragment(inp.two)) },
];
const results = await timeInputs(inputs, cases, { target: Number(params.get('target') ?? 25), batches: Number(params.get('batches') ?? 21) });
window.__strings = { results, counts };
log('done');
