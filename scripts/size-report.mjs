// Prints the gzipped size of everything a page downloads to show an article (fonts
// aside), and fails if it is over the budget. README and docs quote these numbers.
// dist/lede-html.wasm is reported on its own line: it is loaded only for HTML bodies
// and other formats, so it is not part of what the common Markdown case downloads.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../web/', import.meta.url));
export const files = ['lede.js', 'dist/lede.wasm', 'lede.css'];
export const onDemand = ['dist/lede-html.wasm'];
// A Markdown article (issue 18: nlohmann/json reads the JSON again, and speed is bought
// with the bytes that frees); HTML articles and other formats have their own budget.
export const budget = 80 * 1024;

function measure(f) {
  const raw = readFileSync(web + f);
  return { file: f, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
}

export function sizes() {
  return files.map(measure);
}

export function onDemandSizes() {
  return onDemand.filter((f) => existsSync(web + f)).map(measure);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = sizes();
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  const line = (r) => `size: ${r.file.padEnd(20)} ${String(r.raw).padStart(8)} B  ${String(r.gzip).padStart(7)} B gzip`;
  for (const r of rows) console.log(line(r));
  console.log(`size: total                ${String(total).padStart(26)} B gzip (budget ${budget} B)`);
  for (const r of onDemandSizes()) console.log(`${line(r)}  (loaded only for HTML bodies and other formats)`);
}
