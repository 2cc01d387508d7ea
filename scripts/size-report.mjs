// Prints the gzipped size of everything a page downloads to show an article (fonts
// aside), and fails if it is over the budget. README and docs quote these numbers.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../web/', import.meta.url));
export const files = ['lede.js', 'dist/lede.wasm', 'lede.css'];
export const budget = 64 * 1024;

export function sizes() {
  return files.map((f) => {
    const raw = readFileSync(web + f);
    return { file: f, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = sizes();
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  for (const r of rows) console.log(`size: ${r.file.padEnd(16)} ${String(r.raw).padStart(8)} B  ${String(r.gzip).padStart(7)} B gzip`);
  console.log(`size: total            ${String(total).padStart(26)} B gzip (budget ${budget} B)`);
}
