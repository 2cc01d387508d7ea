// Prints the gzipped size of everything a page downloads to show an article (fonts
// aside), and fails if it is over the budget. README and docs quote these numbers.
// A page showing a Markdown article downloads `files`; one showing a WordPress post (an
// HTML body; any other format too) downloads `htmlFiles` instead: lede-html.wasm is the
// core with HTML, and the page's first article picks which of the two it loads
// (src/web/core.js, coreFor). `onDemand` are loaded only when an article needs them,
// each printed with what loads it.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../web/', import.meta.url));
export const files = ['lede.js', 'dist/lede.wasm', 'lede.css'];
export const htmlFiles = ['lede.js', 'dist/lede-html.wasm', 'lede.css'];
export const onDemand = {
  'lede-listen.js': 'the first time someone presses Listen',
  'dist/lede-html.wasm': 'after lede.wasm, only when a page that showed a Markdown article then shows another format',
  'dist/lede-gumbo.wasm':
    'only for HTML the quick parser gives up on (gumbo; the lenient reader where gumbo would not be linear, and for HTML titles and summaries) or a named reference outside HTML 4',
  'dist/lede-xml.wasm': 'only for RSS and Atom feeds (with lede-html.wasm)',
  'dist/lede-markdown.wasm': 'only for Markdown once lede-html.wasm is the core (Apple News Markdown components; Lede\'s own format after an HTML article, when lede.wasm is not loaded)',
};
// A Markdown article (issue 18: nlohmann/json reads the JSON again, and speed is bought
// with the bytes that frees).
export const budget = 80 * 1024;
// A WordPress post whose HTML the quick parser reads (issue 17 asks for 100 KB, met since
// md4c and the lenient reader left lede-html.wasm). Every JSON format is read by the same
// module, so this is also what any of them downloads (issue 18's 100 KB), Apple News's
// Markdown components aside (lede-markdown.wasm).
// The budget is what it takes today plus about 300 B (docs/performance.md, "Sizes"), held
// so that it only goes down, but for bytes spent on a measured speed-up written there
// (stop 31: +308 B for the JSON members no adapter reads, a quarter of a real WordPress
// post's instructions; stop 32: lowered again after the URL check's table took off 262 B;
// stop 33: raised 100 B for what real posts showed twice, the dek (243 B) and a heading
// repeating the title (116 B), which the room left took the rest of; stop 34: raised to
// issue 17's own line for the JSON reader's check of those members' values without the
// parser, 11-19 % off a real post's renderOps: +593 B, the check's 810 B less the 217 B
// that lede-html.wasm's JSON reader at -Oz, as fast now, gave back).
export const htmlTarget = 100 * 1024;
export const htmlBudget = 102_400;

function measure(f) {
  const raw = readFileSync(web + f);
  return { file: f, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
}

export function sizes() {
  return files.map(measure);
}

export function htmlSizes() {
  return htmlFiles.map(measure);
}

export function onDemandSizes() {
  return Object.keys(onDemand)
    .filter((f) => existsSync(web + f))
    .map((f) => ({ ...measure(f), why: onDemand[f] }));
}

const sum = (rows) => rows.reduce((s, r) => s + r.gzip, 0);

export function report() {
  const line = (r) => `size: ${r.file.padEnd(20)} ${String(r.raw).padStart(8)} B  ${String(r.gzip).padStart(7)} B gzip`;
  const out = ['a Markdown article:'];
  for (const r of sizes()) out.push(line(r));
  out.push(`size: total                ${String(sum(sizes())).padStart(26)} B gzip (budget ${budget} B)`);
  out.push('a WordPress post:');
  for (const r of htmlSizes()) out.push(line(r));
  out.push(`size: total                ${String(sum(htmlSizes())).padStart(26)} B gzip (budget ${htmlBudget} B; issue 17's target ${htmlTarget} B)`);
  out.push('on demand:');
  for (const r of onDemandSizes()) out.push(`${line(r)}  (${r.why})`);
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(report());
