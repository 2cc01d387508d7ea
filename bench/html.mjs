// Issue 17's speed bar on real HTML articles, builds of Lede side by side in one page of
// headless Chromium (bench/browser/html.mjs): render() + append against
// DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true }) + append of the same HTML body.
//   node bench/html.mjs [--variants=old:build/base,new:web] [--inputs=a,b]
//        [--batches=21] [--target=25] [--parts=render,ops,dom]
// Each variant is a folder under the checkout holding lede.js and dist/ (copy a build's
// web/lede.js and web/dist/ aside before changing the code). The inputs: the WordPress
// fixture's post (content.rendered; 1.3 KB, made up, the fields Lede reads and little
// else), real WordPress REST posts as the API sends them (bench/inputs/wordpress/, with
// their _links, Yoast fields and embeds; DOMPurify gets their content.rendered), and
// Readability's output of the corpus's pages (../shared/corpora/readability-pages:
// expected-metadata.json's fields, expected.html as content), written to build/bench/html/.
// Prints medians (ms), the fastest batch, and each variant's render against DOMPurify, and
// writes them to build/bench/html.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../tests/browser/helpers.mjs';
import { corpus } from '../tests/browser/corpora.mjs';
import { arg, runPage } from './side-by-side.mjs';
// The WordPress posts (the fixture, then real ones), then news and long pages from
// Readability's tests, small to large.
const realPosts = ['frontity-57-shinjuku', 'frontity-17-india', 'frontity-54-antelope-canyon',
  'frontity-60-gullfoss', 'frontity-1800-block-gallery'];
const names = arg('inputs', ['wordpress-post', ...realPosts, 'wordpress', 'nytimes-3', 'seattletimes-1', 'guardian-1',
  'toc-missing', 'clean-links', 'lazy-image-2', 'wikipedia-2'].join(',')).split(',');

const dir = `${root}build/bench/html/`;
mkdirSync(dir, { recursive: true });
for (const name of names) {
  let json, html;
  if (name === 'wordpress-post' || name.startsWith('frontity-')) {
    json = readFileSync(name === 'wordpress-post' ? `${root}tests/fixtures/formats/wordpress.json`
      : `${root}bench/inputs/wordpress/${name}.json`, 'utf8');
    html = JSON.parse(json).content.rendered;
  } else {
    const at = (f) => join(corpus('readability-pages'), name, f);
    const meta = JSON.parse(readFileSync(at('expected-metadata.json'), 'utf8'));
    html = readFileSync(at('expected.html'), 'utf8');
    json = JSON.stringify({ ...meta, title: meta.title || name, content: html });
  }
  writeFileSync(`${dir}${name}.json`, JSON.stringify({ json, html }));
}

const query = new URLSearchParams({
  variants: arg('variants', 'old:build/base,new:web'),
  inputs: names.join(','),
  batches: arg('batches', '21'),
  target: arg('target', '25'),
  parts: arg('parts', 'render'),
});
const { result: out, version } = await runPage('html', query, '__html');
// For bench/report.mjs (./build-wasm.sh bench runs this with one variant).
writeFileSync(`${root}build/bench/html.json`, JSON.stringify({ chromium: version, ...out,
  kib: Object.fromEntries(names.map((n) => [n, readFileSync(`${dir}${n}.json`).length / 1024])) }, null, 1));
console.log(`Chromium ${version}, ${out.batches} batches, medians (fastest batch)`);
for (const [input, rows] of Object.entries(out.results)) {
  const kb = (readFileSync(`${dir}${input}.json`).length / 1024).toFixed(0);
  console.log(`${input} (${kb} KiB):`);
  const purify = rows.DOMPurify.median;
  for (const [id, r] of Object.entries(rows)) {
    const ratio = id.endsWith(' render') ? `  ${(r.median / purify).toFixed(2)}× DOMPurify` : '';
    console.log(`  ${id.padEnd(24)} ${r.median.toFixed(3).padStart(8)} ms (${r.min.toFixed(3)})${ratio}`);
  }
}
