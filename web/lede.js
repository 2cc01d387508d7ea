// Lede's browser shell. It loads the wasm core once, hands it article JSON, and replays
// the DOM operations the core returns with createElement / createTextNode /
// setAttribute. No innerHTML and no eval anywhere, so it works under the strictest
// Content-Security-Policy, with Trusted Types enforced, and in Manifest V3 extensions.
// Everything about what an article looks like is decided in C++.

// Keep in sync with enum Op in src/output/op_writer.hpp.
const OP_OPEN = 1;
const OP_CLOSE = 2;
const OP_TEXT = 3;
const OP_ATTR = 4;

// Keep in sync with lede::ErrorCode in include/lede/lede.hpp.
const ERROR_CODES = ['ok', 'too_large', 'syntax', 'too_deep', 'schema', 'output_limit', 'needs_html_parser'];
const NEEDS_HTML_PARSER = 6;
// Keep in sync with lede_set_option in src/wasm/exports.cpp.
const OPTIONS = { inputBytes: 0, jsonDepth: 1, outputBytes: 2, markdownDepth: 3, keepSafeHtml: 4, nofollow: 5 };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An error from Lede: bad article JSON, a failed fetch, a core that would not load. */
export class LedeError extends Error {
  constructor(message, { code = 'error', path = '', line = 0, column = 0, status = 0, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'LedeError';
    this.code = code; // 'syntax', 'schema', 'too_large', 'too_deep', 'http', 'network', ...
    this.path = path; // field path for schema errors: "related[3].url"
    this.line = line; // 1-based position for syntax errors; 0 if unknown
    this.column = column;
    this.status = status; // HTTP status for fetch failures
  }
}

// ---------------------------------------------------------------------------
// The core: one wasm instance per module URL, shared by every reader on the page.
// Articles with HTML bodies or in other formats need dist/lede-html.wasm, loaded once.

const cores = new Map();

function loadCore(wasmURL) {
  const url = String(wasmURL ?? new URL('./dist/lede.wasm', import.meta.url));
  let core = cores.get(url);
  if (!core) {
    core = compile(url).then((module) => new Core(module, url));
    // A failed load may be retried later (the network may come back).
    core.catch(() => cores.delete(url));
    cores.set(url, core);
  }
  return core;
}

async function compile(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new LedeError(`Could not load Lede's core from ${url}: network error`, { code: 'network', cause });
  }
  if (!response.ok) {
    throw new LedeError(`Could not load Lede's core from ${url}: HTTP ${response.status}`, {
      code: 'http',
      status: response.status,
    });
  }
  try {
    // compileStreaming needs the application/wasm type; some static hosts send another.
    if (response.headers.get('content-type')?.startsWith('application/wasm')) {
      return await WebAssembly.compileStreaming(response);
    }
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch (cause) {
    throw new LedeError(
      `Could not start Lede's core: ${cause.message} (a Content-Security-Policy must allow 'wasm-unsafe-eval')`,
      { code: 'wasm', cause },
    );
  }
}

class Core {
  constructor(module, url) {
    this.module = module;
    this.url = url;
    this.start();
    const names = (kind) => this.string(this.x.lede_names(kind)).split('\n').slice(0, -1);
    this.tags = names(0);
    this.attrs = names(1);
    this.urlAttrs = this.attrs.map((a) => a === 'href' || a === 'src' || a === 'action');
  }

  // A trap would leave the instance in an unknown state; the C++ side is written never
  // to trap, but if it ever did, the next call gets a fresh instance.
  start() {
    const imports = {
      env: { emscripten_notify_memory_growth() {} },
      wasi_snapshot_preview1: {
        proc_exit(code) {
          throw new LedeError(`Lede's core stopped (exit ${code})`, { code: 'internal' });
        },
      },
    };
    this.x = new WebAssembly.Instance(this.module, imports).exports;
    this.x._initialize();
    this.broken = false;
  }

  bytes(ptr, size) {
    return new Uint8Array(this.x.memory.buffer, ptr, size);
  }

  string(ptr) {
    const mem = new Uint8Array(this.x.memory.buffer);
    let end = ptr;
    while (mem[end]) end++;
    return decoder.decode(mem.subarray(ptr, end));
  }

  async loadHtml(url) {
    this.html ??= await loadCore(url ?? new URL('lede-html.wasm', this.url));
  }

  // render(), loading lede-html.wasm first if the article needs it.
  async renderAsync(json, options) {
    try {
      return this.render(json, options);
    } catch (e) {
      if (e.code !== 'needs_html_parser') throw e;
      await this.loadHtml(options?.htmlWasmURL);
      return this.render(json, options);
    }
  }

  // Copies the article into wasm memory, renders it (format 0: ops, 1: HTML) and throws
  // a LedeError if the core refused it. Returns the core holding the output (valid until
  // its next call).
  // options: { limits: { inputBytes, jsonDepth, outputBytes, markdownDepth }, keepSafeHtml, nofollow }
  call(json, format, options) {
    if (this.broken) this.start();
    let input = json;
    if (typeof input !== 'string' && !(input instanceof Uint8Array) && !(input instanceof ArrayBuffer)) {
      if (input === null || typeof input !== 'object') {
        throw new LedeError('Expected article JSON: a string, bytes or an object', { code: 'usage' });
      }
      try {
        input = JSON.stringify(input);
      } catch (cause) {
        throw new LedeError(`The article object cannot be written as JSON: ${cause.message}`, { code: 'usage', cause });
      }
    }
    if (input instanceof ArrayBuffer) input = new Uint8Array(input);
    const x = this.x;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const capacity = typeof input === 'string' ? input.length * 3 : input.length;
    const ptr = x.lede_alloc(capacity);
    if (!ptr) throw new LedeError('Out of memory for the article', { code: 'too_large' });
    try {
      let size;
      if (typeof input === 'string') {
        size = encoder.encodeInto(input, this.bytes(ptr, capacity)).written;
      } else {
        this.bytes(ptr, capacity).set(input);
        size = capacity;
      }
      x.lede_reset_options();
      const given = { ...options?.limits, keepSafeHtml: options?.keepSafeHtml, nofollow: options?.nofollow };
      for (const [name, which] of Object.entries(OPTIONS)) {
        if (given[name] !== undefined) x.lede_set_option(which, Number(given[name]));
      }
      const status = x.lede_render(ptr, size, format);
      if (status === NEEDS_HTML_PARSER && this.html) return this.html.call(json, format, options);
      if (status !== 0) throw this.error(status);
      return this;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        this.broken = true;
        throw new LedeError(`Lede's core failed: ${e.message}`, { code: 'internal', cause: e });
      }
      throw e;
    } finally {
      if (!this.broken) x.lede_free(ptr);
    }
  }

  error(status) {
    const x = this.x;
    const message = this.string(x.lede_error_message());
    const path = this.string(x.lede_error_path());
    const line = x.lede_error_line();
    const column = x.lede_error_column();
    const where = line ? `${line}:${column}: ` : path ? `${path}: ` : '';
    return new LedeError(where + message, { code: ERROR_CODES[status] ?? 'error', path, line, column });
  }

  renderHTML(json, options) {
    const core = this.call(json, 1, options);
    return decoder.decode(core.bytes(core.x.lede_html(), core.x.lede_html_size()));
  }

  // Replays the op-stream (see src/output/op_writer.hpp) into a DocumentFragment.
  render(json, { document: doc = globalThis.document, base, ...options } = {}) {
    const core = this.call(json, 0, options);
    const x = core.x;
    const ops = new Uint32Array(x.memory.buffer, x.lede_ops(), x.lede_ops_count());
    const strings = decoder.decode(core.bytes(x.lede_strings(), x.lede_strings_size()));
    const { tags, attrs, urlAttrs } = this;
    const fragment = doc.createDocumentFragment();
    let parent = fragment;
    let pos = 0;
    for (let i = 0; i < ops.length; ) {
      const op = ops[i++];
      switch (op & 0xff) {
        case OP_OPEN: {
          const el = doc.createElement(tags[op >>> 8]);
          parent.appendChild(el);
          parent = el;
          break;
        }
        case OP_CLOSE:
          parent = parent.parentNode;
          break;
        case OP_TEXT: {
          const n = ops[i++];
          parent.appendChild(doc.createTextNode(strings.slice(pos, (pos += n))));
          break;
        }
        case OP_ATTR: {
          const a = op >>> 8;
          const n = ops[i++];
          let value = strings.slice(pos, (pos += n));
          // Relative URLs in an article mean "relative to the article", not to the page
          // that shows it. In-page anchors stay as they are.
          if (base && urlAttrs[a] && value[0] !== '#') value = new URL(value, base).href;
          parent.setAttribute(attrs[a], value);
          break;
        }
        default:
          throw new LedeError(`Corrupt operation ${op} at ${i - 1}`, { code: 'internal' });
      }
    }
    return fragment;
  }
}

/**
 * Loads Lede's core and resolves to a reader:
 *   render(json, { base }) → DocumentFragment   renderHTML(json) → string
 *   renderAsync(json, { base }) → Promise: loads lede-html.wasm first if needed (HTML
 *   bodies, other formats); render() and renderHTML() need createReader({ html: true }).
 * json is a string, bytes or an object. Errors are thrown as LedeError.
 * options: { wasmURL, htmlWasmURL, html, limits: { inputBytes, jsonDepth, outputBytes,
 *            markdownDepth }, keepSafeHtml, nofollow }
 */
export async function createReader(options = {}) {
  const { wasmURL, html, ...coreOptions } = options;
  const core = await loadCore(wasmURL);
  if (html) await core.loadHtml(coreOptions.htmlWasmURL);
  return {
    render: (json, opts = {}) => core.render(json, { ...coreOptions, ...opts }),
    renderHTML: (json) => core.renderHTML(json, coreOptions),
    renderAsync: (json, opts = {}) => core.renderAsync(json, { ...coreOptions, ...opts }),
  };
}

/** Renders an article into `target`, replacing what it held. Resolves to the target. */
export async function mount(target, json, options = {}) {
  const { base, ...readerOptions } = options;
  const reader = await createReader(readerOptions);
  target.replaceChildren(await reader.renderAsync(json, { document: target.ownerDocument, base }));
  return target;
}

// ---------------------------------------------------------------------------
// <lede-reader src="article.json">

async function fetchArticle(url, signal) {
  let response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw new LedeError(`Could not reach ${url}: network error`, { code: 'network', cause });
  }
  if (!response.ok) {
    const text = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new LedeError(`${url} answered HTTP ${text}`, { code: 'http', status: response.status });
  }
  return new Uint8Array(await response.arrayBuffer());
}

const stylesheetURL = new URL('./lede.css', import.meta.url);

export class LedeReaderElement extends (globalThis.HTMLElement ?? class {}) {
  static get observedAttributes() {
    return ['src'];
  }

  #status;
  #content;
  #styled;
  #controller = null;
  #article = null;
  #started = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const doc = root.ownerDocument ?? document;
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = stylesheetURL.href;
    this.#styled = new Promise((resolve) => {
      link.onload = link.onerror = resolve;
    });
    this.#status = doc.createElement('div');
    this.#status.className = 'lede-status';
    this.#status.setAttribute('part', 'status');
    this.#status.setAttribute('role', 'status');
    this.#status.hidden = true;
    this.#content = doc.createElement('div');
    this.#content.setAttribute('part', 'content');
    root.append(link, this.#status, this.#content);
  }

  get src() {
    return this.getAttribute('src') ?? '';
  }

  set src(value) {
    if (value == null || value === '') this.removeAttribute('src');
    else this.setAttribute('src', value);
  }

  /** An article given directly (object or JSON string) instead of `src`. */
  get article() {
    return this.#article;
  }

  set article(value) {
    this.#article = value;
    if (this.isConnected) this.#load();
  }

  /** 'loading', 'ready' or 'error' (also reflected as the `state` attribute). */
  get state() {
    return this.getAttribute('state') ?? '';
  }

  connectedCallback() {
    if (!this.#started) {
      this.#started = true;
      this.#load();
    }
  }

  disconnectedCallback() {
    this.#controller?.abort();
    this.#started = false;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#started) return;
    if (name === 'src') this.#load();
  }

  /** Loads and renders again (the error state's Retry button calls this). */
  reload() {
    return this.#load();
  }

  async #load() {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const src = this.getAttribute('src');
    const article = this.#article;
    if (!src && article == null) return;

    this.#setState('loading', 'Loading article…');
    let url = '';
    try {
      const core = loadCore();
      let json = article;
      if (src) {
        url = new URL(src, this.ownerDocument.baseURI).href;
        json = await fetchArticle(url, controller.signal);
      }
      const reader = await core;
      await this.#styled;
      if (controller.signal.aborted) return;
      const fragment = await reader.renderAsync(json, { document: this.ownerDocument, base: url || undefined });
      if (controller.signal.aborted) return;
      this.#content.replaceChildren(fragment);
      this.#setState('ready');
      // Plain text for the event: typography's no-break spaces become spaces.
      const title = (this.#content.querySelector('h1')?.textContent ?? '').replace(/\u00a0/g, ' ');
      this.#fire('lede-loaded', { src: url, title });
    } catch (error) {
      if (controller.signal.aborted) return;
      this.#showError(error, url);
      this.#fire('lede-error', { src: url, error });
    }
  }

  #setState(state, message = '') {
    this.setAttribute('state', state);
    this.toggleAttribute('aria-busy', state === 'loading');
    const status = this.#status;
    status.dataset.state = state;
    status.setAttribute('role', state === 'error' ? 'alert' : 'status');
    status.replaceChildren();
    status.hidden = !message;
    if (message) status.append(message);
    if (state !== 'ready') this.#content.replaceChildren();
  }

  #showError(error, url) {
    this.#setState('error', 'This article could not be shown.');
    const doc = this.ownerDocument;
    const detail = doc.createElement('p');
    detail.setAttribute('part', 'error-detail');
    detail.textContent = error instanceof LedeError ? error.message : String(error?.message ?? error);
    const retry = doc.createElement('button');
    retry.type = 'button';
    retry.textContent = 'Retry';
    retry.setAttribute('part', 'retry');
    retry.addEventListener('click', () => this.reload());
    this.#status.append(detail, retry);
    void url;
  }

  #fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

if (globalThis.customElements && !customElements.get('lede-reader')) {
  customElements.define('lede-reader', LedeReaderElement);
}
