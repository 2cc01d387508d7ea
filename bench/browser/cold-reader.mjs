// Cold start of the element as a page uses it: from import() of lede.js to the
// `lede-loaded` event of a <lede-reader src> whose article nothing has fetched yet, so
// the article's fetch, the core's download and compile, and the first render are all
// inside the clock, in whatever order the element does them (bench/cold.mjs).
const params = new URLSearchParams(location.search);
const dir = params.get('lede');
const src = params.get('src');
await new Promise((r) => setTimeout(r, 20));

const t0 = performance.now();
await import(`/${dir}/lede.js`);
const t1 = performance.now();
const reader = document.createElement('lede-reader');
const loaded = new Promise((resolve, reject) => {
  reader.addEventListener('lede-loaded', resolve);
  reader.addEventListener('lede-error', (e) => reject(new Error(e.detail.error?.message)));
});
reader.setAttribute('src', src);
document.getElementById('host').append(reader);
await loaded;
const t2 = performance.now();
const resources = performance.getEntriesByType('resource');
const wasm = resources.filter((e) => e.name.endsWith('.wasm'));
const article = resources.find((e) => e.name.endsWith(src));
window.__cold = {
  total: t2 - t0,
  load: t1 - t0,
  reader: t2 - t1,
  wasm: wasm.map((e) => e.name.split('/').pop()),
  // When the article's response ended and the core's request started, from t0.
  articleEnd: article ? article.responseEnd - t0 : null,
  wasmStart: wasm.length ? wasm[0].startTime - t0 : null,
  wasmEnd: wasm.length ? wasm[0].responseEnd - t0 : null,
  elements: reader.shadowRoot.querySelectorAll('[part=content] *').length,
};
// From the later of the article's and the core's last byte to the article shown: the
// core's compile and the first render, whatever was done while the other was arriving.
window.__cold.after = t2 - t0 - Math.max(window.__cold.articleEnd ?? 0, window.__cold.wasmEnd ?? 0);
