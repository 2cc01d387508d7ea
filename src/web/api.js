// The public API for pages and workers: createReader() (the core as a reader object)
// and mount() (an article into an element of the page).
import { coreFor, loadCore, loadHtmlCore } from './core.js';
import { DEFAULTS } from './preferences.js';

/**
 * Loads Lede's core and resolves to a reader:
 *   render(json, { base, item }) → DocumentFragment   renderHTML(json, { item }) → string
 *   renderAsync(json, { base, item }) → Promise: loads lede-html.wasm first if needed (HTML
 *   bodies, other formats, named references outside HTML 4's), then lede-gumbo.wasm if the
 *   quick parser gives up on the HTML, lede-xml.wasm for an RSS or Atom feed,
 *   lede-markdown.wasm (md4c) for Markdown once lede-html.wasm has taken over;
 *   render() and renderHTML() need createReader({ html: true }) for those (it loads all
 *   four, and lede-html.wasm in place of lede.wasm, which it contains; `modules` names the
 *   on-demand ones to load, by default all three: ['gumbo', 'xml', 'markdown']).
 *   renderOps(json, { item }) → { ops: Uint32Array, strings, tags, attrs }: the op-stream,
 *   copied out of wasm memory, for buildFragment() elsewhere (needs no DOM: works in a worker).
 * json is a string, bytes or an object. `bodyEvents` (any of them) is the article's body as
 * HTML events, in place of the one in the JSON: a DOM walked into arrays (docs/html-events.md,
 * extension/walk.js) or their byte form; it needs lede-html.wasm, as HTML does. `item`
 * picks the article of a feed or list (an index from 0, or an item's id, url or slug;
 * default the first). Errors are thrown as LedeError.
 * options: { wasmURL, htmlWasmURL, gumboWasmURL, xmlWasmURL, markdownWasmURL, html, modules, limits: { inputBytes, jsonDepth, outputBytes,
 *            markdownDepth }, keepSafeHtml, nofollow }
 */
export async function createReader(options = {}) {
  const { wasmURL, html, modules, ...coreOptions } = options;
  const core = await (html && !wasmURL ? loadHtmlCore(coreOptions.htmlWasmURL) : loadCore(wasmURL));
  // Every module an article may need, so that the synchronous render() takes them all:
  // md4c too, since lede-html.wasm has none of its own (a page showing a WordPress post
  // goes through coreFor and renderAsync, and never loads it). A reader that knows its
  // articles names fewer (the extension: Readability's HTML, never a feed nor Markdown).
  if (html) {
    const { htmlWasmURL } = coreOptions;
    const wanted = modules ?? ['gumbo', 'xml', 'markdown'];
    if (wanted.includes('gumbo')) await core.loadGumbo(htmlWasmURL, coreOptions.gumboWasmURL);
    if (wanted.includes('xml')) await core.loadXml(htmlWasmURL, coreOptions.xmlWasmURL);
    if (wanted.includes('markdown')) await core.loadMarkdown(htmlWasmURL, coreOptions.markdownWasmURL);
    await core.loadHtml(htmlWasmURL);
  }
  return reader(core, coreOptions);
}

function reader(core, coreOptions) {
  return {
    render: (json, opts = {}) => core.render(json, { ...coreOptions, ...opts }),
    renderHTML: (json, opts = {}) => core.renderHTML(json, { ...coreOptions, ...opts }),
    renderAsync: (json, opts = {}) => core.renderAsync(json, { ...coreOptions, ...opts }),
    renderOps: (json, opts = {}) => {
      const { ops, strings, wide, tags, attrs } = core.ops(json, { ...coreOptions, ...opts });
      return { ops: ops.slice(), strings, wide, tags: [...tags], attrs: [...attrs] };
    },
  };
}

const PRESENTATION = [...Object.keys(DEFAULTS), 'mode', 'toolbar'];

/**
 * Renders an article into `target`, replacing what it held. Resolves to the target.
 * With a presentation option (PRESENTATION) it shows a <lede-reader>, else the plain article.
 */
export async function mount(target, json, options = {}) {
  const { base, ...readerOptions } = options;
  if (!PRESENTATION.some((name) => options[name] !== undefined)) {
    // The core this article needs, and only that one (coreFor).
    const { html, wasmURL, ...coreOptions } = readerOptions;
    const r = html ? await createReader(readerOptions) : reader(await coreFor(json, { wasmURL, ...coreOptions }), coreOptions);
    target.replaceChildren(await r.renderAsync(json, { document: target.ownerDocument, base }));
    return target;
  }
  const el = target.ownerDocument.createElement('lede-reader');
  for (const name of PRESENTATION) {
    if (options[name] !== undefined) el[name] = options[name];
    delete readerOptions[name];
  }
  el.options = readerOptions;
  el.base = base;
  el.article = json;
  const shown = new Promise((ok, fail) => {
    el.addEventListener('lede-loaded', ok, { once: true });
    el.addEventListener('lede-error', (e) => fail(e.detail.error), { once: true });
  });
  target.replaceChildren(el);
  await shown;
  return target;
}
