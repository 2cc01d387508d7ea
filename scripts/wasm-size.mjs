// Attributes the bytes of a wasm module to its parts, by function name. Needs a build
// with names: emcmake cmake -B build/wasm-names -DLEDE_WASM_NAMES=ON.
//   node scripts/wasm-size.mjs build/wasm-names/lede.wasm
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const bytes = readFileSync(process.argv[2] ?? 'build/wasm-names/lede.wasm');
let pos = 8;
const leb = () => {
  let result = 0, shift = 0, b;
  do { b = bytes[pos++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return result;
};
const sections = [];
let importedFunctions = 0;
const bodies = [];
const names = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const start = pos;
  const end = pos + size;
  let name = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id];
  if (id === 0) {
    const n = leb();
    name = `custom:${bytes.subarray(pos, pos + n).toString()}`;
    pos += n;
    if (name === 'custom:name') {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = leb();
          for (let i = 0; i < count; i++) {
            const index = leb();
            const len = leb();
            names.set(index, bytes.subarray(pos, pos + len).toString());
            pos += len;
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      pos += leb(); pos += leb(); // module, field
      const kind = bytes[pos++];
      if (kind === 0) { leb(); importedFunctions++; } else if (kind === 1) { pos++; const f = leb(); leb(); if (f & 1) leb(); } else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); } else if (kind === 3) { pos += 2; }
    }
  } else if (id === 10) {
    const count = leb();
    for (let i = 0; i < count; i++) {
      const s = leb();
      bodies.push({ index: importedFunctions + i, size: s, start: pos });
      pos += s;
    }
  }
  sections.push({ name, size, start, end });
  pos = end;
}

const groups = [
  ['md4c (Markdown parser)', /^md_|^md4c|^MD_/],
  ['entity table lookup', /entity/],
  ['nlohmann/json', /nlohmann/],
  ['lede core', /lede/],
  ['libc++ / libc / malloc', /./],
];
const totals = new Map(groups.map(([g]) => [g, { raw: 0, parts: [] }]));
for (const b of bodies) {
  const name = names.get(b.index) ?? `f${b.index}`;
  const group = groups.find(([, re]) => re.test(name))[0];
  const t = totals.get(group);
  t.raw += b.size;
  t.parts.push(bytes.subarray(b.start, b.start + b.size));
}
const gz = (parts) => gzipSync(Buffer.concat(parts), { level: 9 }).length;
console.log('section sizes (raw bytes):');
for (const s of sections) console.log(`  ${s.name.padEnd(24)} ${String(s.size).padStart(8)}`);
console.log('code by part (raw bytes, gzip of that part alone):');
for (const [g, t] of totals) console.log(`  ${g.padEnd(28)} ${String(t.raw).padStart(8)} ${String(gz(t.parts)).padStart(8)}`);
const data = sections.find((s) => s.name === 'data');
if (data) console.log(`  ${'data (tables, strings, CSS)'.padEnd(28)} ${String(data.size).padStart(8)} ${String(gz([bytes.subarray(data.start, data.end)])).padStart(8)}`);
if (process.argv.includes('--top')) {
  const top = bodies.map((b) => [b.size, names.get(b.index)]).sort((a, b) => b[0] - a[0]).slice(0, 40);
  for (const [s, n] of top) console.log(`  ${String(s).padStart(7)} ${n}`);
}
