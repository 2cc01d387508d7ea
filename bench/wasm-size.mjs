// Where the wasm's bytes go. Reads a profiling build of the same core (build/wasm-names,
// linked with --profiling-funcs so the name section survives wasm-opt) and attributes
// every function body and every data byte to a part: md4c, md4c's entity table,
// nlohmann/json, Lede's own code, libc++, libc/emmalloc/compiler-rt. Gzip bytes are
// estimates: each part's bytes are gzipped on their own, then scaled so the parts add
// up to the shipped wasm's real gzip size (gzip of a whole is less than the sum of its
// parts' gzips, and the scaling spreads that saving evenly).
//   node bench/wasm-size.mjs [named.wasm] [shipped.wasm]   writes build/bench/wasm-size.json
import { readFileSync, writeFileSync } from 'node:fs';
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
// Records are { const char* name; unsigned codepoints[2]; } with name -> "&...;". The
// linker merges and reorders the name strings, so find the records, then the names.
const isEntityAt = (ptr) => {
  const o = ptr - base;
  if (o < 0 || o >= data.length || data[o] !== 0x26) return false;
  const e = data.indexOf(0, o);
  return e > o && e - o < 48 && data[e - 1] === 0x3b;
};
let bestStart = -1, bestLen = 0;
for (let off = 0; off + 12 <= data.length; off += 4) {
  let n = 0;
  while (off + 12 * (n + 1) <= data.length && isEntityAt(data.readUInt32LE(off + 12 * n))) n++;
  if (n > bestLen) { bestLen = n; bestStart = off; }
  if (n > 0) off += 12 * n - 4;
}
if (bestLen > 100) {
  const mask = new Uint8Array(data.length); // 1: records, 2: names
  mask.fill(1, bestStart, bestStart + 12 * bestLen);
  for (let i = 0; i < bestLen; i++) {
    const o = data.readUInt32LE(bestStart + 12 * i) - base;
    mask.fill(2, o, data.indexOf(0, o) + 1);
  }
  const pick = (m) => Buffer.from(data.filter((_, i) => inSegment[i] && mask[i] === m));
  dataParts.set('md4c entity table', [pick(2), pick(1)]);
  dataParts.set('other data (Lede tables and strings, libc++ …)', [pick(0)]);
  dataParts.entityRecords = bestLen;
} else {
  dataParts.set('other data', [Buffer.from(data.filter((_, i) => inSegment[i]))]);
}

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
  entityRecords: dataParts.entityRecords ?? 0,
  rows,
  largestFunctions: fns.sort((a, b) => b.size - a.size).slice(0, 40),
  byPart: Object.fromEntries([...new Set(fns.map((f) => f.part))].map((p) => [p, fns.filter((f) => f.part === p).slice(0, 12).map((f) => `${f.name.slice(0, 80)} ${f.size}`)])),
};
writeFileSync(`${root}build/bench/wasm-size.json`, JSON.stringify(result, null, 1));
console.log(`wasm: ${shippedBuf.length} B, ${shippedGz} B gzip; code section ${shippedCode} B (named build ${namedCode} B), data section ${shippedData} B`);
for (const r of rows) {
  console.log(`wasm:   ${r.part.padEnd(48)} ${r.kind.padEnd(5)} ${String(r.raw).padStart(7)} B raw  ~${String(r.gzEstimate).padStart(6)} B gzip${r.functions ? `  (${r.functions} functions)` : ''}`);
}
