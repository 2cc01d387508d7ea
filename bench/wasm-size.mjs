// Where the wasm's bytes go. Reads a profiling build of the same core (build/wasm-names,
// linked with --profiling-funcs so the name section survives wasm-opt) and attributes
// every function body and every data byte to a part: md4c, md4c's entity table,
// nlohmann/json, Lede's own code, libc++, libc/emmalloc/compiler-rt. Gzip bytes are
// estimates: each part's bytes are gzipped on their own, then scaled so the parts add
// up to the shipped wasm's real gzip size (gzip of a whole is less than the sum of its
// parts' gzips, and the scaling spreads that saving evenly).
//   node bench/wasm-size.mjs [named.wasm] [shipped.wasm]   writes build/bench/wasm-size.json
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './inputs.mjs';

const namedPath = process.argv[2] ?? `${root}build/wasm-names/lede.wasm`;
const shippedPath = process.argv[3] ?? `${root}web/dist/lede.wasm`;
const gz = (b) => gzipSync(b, { level: 9 }).length;

function parse(buf) {
  let p = 8;
  const u = () => {
    let r = 0, s = 0, b;
    do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
    return r;
  };
  const str = () => { const n = u(); const s = buf.subarray(p, p + n).toString('utf8'); p += n; return s; };
  const sections = [];
  const out = { sections, bodies: [], names: new Map(), data: [], importedFuncs: 0 };
  while (p < buf.length) {
    const id = buf[p++];
    const size = u();
    const start = p, end = p + size;
    let name = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id];
    if (id === 0) {
      name = `custom:${str()}`;
      if (name === 'custom:name') {
        while (p < end) {
          const sub = buf[p++];
          const n = u();
          const subEnd = p + n;
          if (sub === 1) {
            for (let c = u(); c > 0; c--) { const idx = u(); out.names.set(idx, str()); }
          }
          p = subEnd;
        }
      }
    } else if (id === 2) {
      for (let c = u(); c > 0; c--) {
        str(); str();
        const kind = buf[p++];
        if (kind === 0) { u(); out.importedFuncs++; } else if (kind === 1) { p++; const f = u(); u(); if (f & 1) u(); } else if (kind === 2) { const f = u(); u(); if (f & 1) u(); } else { p += 2; }
      }
    } else if (id === 10) {
      for (let c = u(), i = 0; i < c; i++) { const n = u(); out.bodies.push(buf.subarray(p, p + n)); p += n; }
    } else if (id === 11) {
      for (let c = u(); c > 0; c--) {
        const flags = u();
        if (flags === 2) u();
        let offset = 0;
        if (flags !== 1) { // i32.const N end
          if (buf[p] !== 0x41) throw new Error('unexpected data offset expression');
          p++;
          let r = 0, s = 0, b;
          do { b = buf[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80);
          offset = r; p++;
        }
        const n = u();
        out.data.push({ offset, bytes: buf.subarray(p, p + n) });
        p += n;
      }
    }
    sections.push({ id, name, size: end - start + 1 + (size > 127 ? 2 : 1) });
    p = end;
  }
  return out;
}

function part(name) {
  if (/nlohmann/.test(name)) return 'nlohmann/json';
  if (/^entity_(lookup|cmp)/.test(name)) return 'md4c entity lookup';
  if (/^md_|^MD_/.test(name)) return 'md4c';
  if (/^lede|lede::|^\(anonymous namespace\)|^\$?_?Z.*lede/.test(name)) return 'Lede';
  if (/^std::|^void std::|^bool std::|__cxx|__cxa|^operator (new|delete)/.test(name)) return 'libc++';
  return 'libc, emmalloc, compiler-rt';
}

const named = parse(readFileSync(namedPath));
const shippedBuf = readFileSync(shippedPath);
const shipped = parse(shippedBuf);

// --- code: function bodies by part ---
const code = new Map();
const fns = [];
named.bodies.forEach((body, i) => {
  const name = named.names.get(i + named.importedFuncs) ?? `func${i}`;
  const p = part(name);
  if (!code.has(p)) code.set(p, []);
  code.get(p).push(body);
  fns.push({ name, part: p, size: body.length });
});

// --- data: md4c's entity table (names + records) found by content, the rest by guess ---
// The data segments laid out at their addresses (wasm-opt splits them around zeros).
const base = Math.min(...named.data.map((d) => d.offset));
const data = Buffer.alloc(Math.max(...named.data.map((d) => d.offset + d.bytes.length)) - base);
for (const d of named.data) d.bytes.copy(data, d.offset - base);
const inSegment = new Uint8Array(data.length);
for (const d of named.data) inSegment.fill(1, d.offset - base, d.offset - base + d.bytes.length);
const dataParts = new Map();
// The entity table is arrays written by scripts/gen-entities.mjs; their exact bytes are
// in the generated entities_table.cpp (lede.wasm: entities_table_common.cpp, with its
// filter) beside the named wasm, so find them by content.
const mask = new Uint8Array(data.length); // 1: entity table
const tableCpp = join(dirname(namedPath), namedPath.endsWith('lede.wasm') ? 'entities_table_common.cpp' : 'entities_table.cpp');
if (existsSync(tableCpp)) {
  const cpp = readFileSync(tableCpp, 'utf8');
  for (const [, type, name, list] of cpp.matchAll(/const (unsigned char|std::uint16_t|std::uint32_t) (k\w+)\[\] = \{([^}]*)\}/g)) {
    const values = list.split(',').map((v) => Number(v.trim())).filter((v) => !Number.isNaN(v));
    const width = type === 'unsigned char' ? 1 : type === 'std::uint16_t' ? 2 : 4;
    const bytes = Buffer.alloc(values.length * width);
    values.forEach((v, i) => bytes.writeUIntLE(v, i * width, width));
    // Leading or trailing zero bytes may fall outside a segment (wasm-opt splits
    // segments around runs of zeros): search for the array without them.
    let a = 0, b = bytes.length;
    while (a < b && bytes[a] === 0) a++;
    while (b > a && bytes[b - 1] === 0) b--;
    if (a === b) continue; // all zeros (the common table's one second code point)
    const at = data.indexOf(bytes.subarray(a, b));
    if (at < 0) throw new Error(`entity table ${name} not found in the data section`);
    mask.fill(1, at - a, at - a + bytes.length);
  }
}
const pick = (m) => Buffer.from(data.filter((_, i) => inSegment[i] && mask[i] === m));
if (mask.includes(1)) dataParts.set('entity table (scripts/gen-entities.mjs)', [pick(1)]);
dataParts.set("other data (Lede's tables and strings, md4c's Unicode tables …)", [pick(0)]);

const shippedCode = shipped.sections.find((s) => s.id === 10)?.size ?? 0;
const namedCode = named.sections.find((s) => s.id === 10)?.size ?? 0;
const shippedData = shipped.sections.find((s) => s.id === 11)?.size ?? 0;
const shippedGz = gz(shippedBuf);
const otherSections = shipped.sections.filter((s) => s.id !== 10 && s.id !== 11);

const rows = [];
for (const [p, bodies] of code) rows.push({ part: p, kind: 'code', raw: bodies.reduce((s, b) => s + b.length, 0), gzAlone: gz(Buffer.concat(bodies)), functions: bodies.length });
for (const [p, chunks] of dataParts) rows.push({ part: p, kind: 'data', raw: chunks.reduce((s, b) => s + b.length, 0), gzAlone: gz(Buffer.concat(chunks)) });
const otherBuf = Buffer.concat(otherSections.map((s) => Buffer.alloc(0))); // sizes only
rows.push({ part: 'type/import/export/table/… sections', kind: 'meta', raw: otherSections.reduce((s, x) => s + x.size, 0), gzAlone: Math.round(otherSections.reduce((s, x) => s + x.size, 0) * 0.6) });
void otherBuf;
const sumAlone = rows.reduce((s, r) => s + r.gzAlone, 0);
for (const r of rows) r.gzEstimate = Math.round((r.gzAlone * shippedGz) / sumAlone);
rows.sort((a, b) => b.gzEstimate - a.gzEstimate);

const result = {
  shipped: { raw: shippedBuf.length, gzip: shippedGz, sections: shipped.sections },
  named: { codeSection: namedCode, shippedCodeSection: shippedCode, dataSection: shippedData },
  rows,
  largestFunctions: fns.sort((a, b) => b.size - a.size).slice(0, 40),
  byPart: Object.fromEntries([...new Set(fns.map((f) => f.part))].map((p) => [p, fns.filter((f) => f.part === p).slice(0, 12).map((f) => `${f.name.slice(0, 80)} ${f.size}`)])),
};
writeFileSync(`${root}build/bench/wasm-size.json`, JSON.stringify(result, null, 1));
console.log(`wasm: ${shippedBuf.length} B, ${shippedGz} B gzip; code section ${shippedCode} B (named build ${namedCode} B), data section ${shippedData} B`);
for (const r of rows) {
  console.log(`wasm:   ${r.part.padEnd(48)} ${r.kind.padEnd(5)} ${String(r.raw).padStart(7)} B raw  ~${String(r.gzEstimate).padStart(6)} B gzip${r.functions ? `  (${r.functions} functions)` : ''}`);
}
