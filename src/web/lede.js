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
// Keep in sync with lede_set_option in src/wasm/exports.cpp.
const OPTIONS = { inputBytes: 0, jsonDepth: 1, outputBytes: 2, markdownDepth: 3, keepSafeHtml: 4, nofollow: 5 };
// Keep in sync with kFreeInput in src/wasm/exports.cpp: the core frees the input once read.
const FREE_INPUT = 16;

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
    // Any other system call a C library routine may name (gumbo's diagnostics can reach
    // fd_write) answers "not supported": the core never needs one to do its work.
    for (const { module, name, kind } of WebAssembly.Module.imports(this.module)) {
      if (kind === 'function' && module === 'wasi_snapshot_preview1' && !imports[module][name]) {
        imports[module][name] = () => 52; // ENOSYS
      }
    }
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
    // Once lede-html.wasm is here it takes every article: it has all of lede.wasm, so
    // the output is the same, and an HTML body is then read once, not twice.
    if (this.html) return this.html.call(json, format, options);
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
    const text = typeof input === 'string';
    // UTF-8 takes at most 3 bytes per UTF-16 code unit. A long string gets room for
    // mostly Latin text first (linear memory never shrinks) and more only if it needs
    // it; encodeInto() straight into wasm memory is about 3.5 times as fast as encode()
    // in Chromium (0.74 against 2.6 ms on seed40). The buffer is at least the size the
    // core then reserves for its text pool (1.125 × the bytes), so that the pool takes
    // the input's place once the input is read and freed, instead of new memory.
    const n = input.length;
    let capacity = text ? (n <= 16384 ? n * 3 : n + (n >> 2) + 64) : n + (n >> 3) + 64;
    let ptr = x.lede_alloc(capacity);
    if (!ptr) throw new LedeError('Out of memory for the article', { code: 'too_large' });
    let owned = true; // until lede_render takes the buffer over
    try {
      let size = input.length;
      if (!text) {
        this.bytes(ptr, size).set(input);
      } else {
        const { read, written } = encoder.encodeInto(input, this.bytes(ptr, capacity));
        size = written;
        if (read < input.length) {
          capacity = written + (input.length - read) * 3;
          const bigger = x.lede_alloc(capacity);
          if (!bigger) throw new LedeError('Out of memory for the article', { code: 'too_large' });
          this.bytes(bigger, written).set(this.bytes(ptr, written));
          x.lede_free(ptr);
          ptr = bigger;
          size += encoder.encodeInto(input.slice(read), this.bytes(ptr + written, capacity - written)).written;
        }
      }
      x.lede_reset_options();
      const given = { ...options?.limits, keepSafeHtml: options?.keepSafeHtml, nofollow: options?.nofollow };
      for (const [name, which] of Object.entries(OPTIONS)) {
        if (given[name] !== undefined) x.lede_set_option(which, Number(given[name]));
      }
      // The core frees the article as soon as it has read it: the input and the tree are
      // then never in wasm memory together.
      const status = x.lede_render(ptr, size, format | FREE_INPUT);
      owned = false;
      if (status !== 0) throw this.error(status);
      return this;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        this.broken = true;
        throw new LedeError(`Lede's core failed: ${e.message}`, { code: 'internal', cause: e });
      }
      throw e;
    } finally {
      if (owned && !this.broken) x.lede_free(ptr);
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

  // The op-stream (see src/output/op_writer.hpp) as views into wasm memory, valid until
  // the core's next call.
  ops(json, options) {
    const core = this.call(json, 0, options);
    const x = core.x;
    return {
      ops: new Uint32Array(x.memory.buffer, x.lede_ops(), x.lede_ops_count()),
      strings: decoder.decode(core.bytes(x.lede_strings(), x.lede_strings_size())),
      tags: core.tags,
      attrs: core.attrs,
    };
  }

  render(json, { document, base, ...options } = {}) {
    return buildFragment(this.ops(json, options), { document, base });
  }
}

/**
 * Replays an op-stream ({ ops, strings, tags, attrs } from renderOps(); ops may be a plain
 * array after a message channel) into a DocumentFragment, without wasm: an extension
 * renders in its own context and builds the DOM in the page. tags and attrs must be the
 * core's own tables: they are the allowlist.
 */
export function buildFragment({ ops, strings, tags, attrs }, { document: page = globalThis.document, base } = {}) {
  // The nodes are made in the page's inert template document, then adopted into the page
  // in one call. Made in the page itself, every element costs more and an <img> starts its
  // loader at setAttribute('src'): render() and append took 8.9 ms instead of 11.3 on a
  // Readability page with 56 images, 18.7 instead of 20.2 on the CommonMark spec
  // (docs/performance.md). Adopted before returning, not when the page appends: a media
  // element left in the inert document past this task gives up on its source for good.
  const doc = page.createElement('template').content.ownerDocument;
  const urlAttrs = attrs.map((a) => a === 'href' || a === 'src' || a === 'action');
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
  return page.adoptNode(fragment);
}

/**
 * Loads Lede's core and resolves to a reader:
 *   render(json, { base }) → DocumentFragment   renderHTML(json) → string
 *   renderAsync(json, { base }) → Promise: loads lede-html.wasm first if needed (HTML
 *   bodies, other formats, named references outside HTML 4's); render() and renderHTML()
 *   need createReader({ html: true }) for those.
 *   renderOps(json) → { ops: Uint32Array, strings, tags, attrs }: the op-stream, copied out
 *   of wasm memory, for buildFragment() elsewhere (needs no DOM: works in a worker).
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
    renderOps: (json) => {
      const { ops, strings, tags, attrs } = core.ops(json, coreOptions);
      return { ops: ops.slice(), strings, tags: [...tags], attrs: [...attrs] };
    },
  };
}

const PRESENTATION = ['theme', 'font', 'fontSize', 'lineHeight', 'width', 'mode', 'toolbar'];

/**
 * Renders an article into `target`, replacing what it held. Resolves to the target.
 * With a presentation option (PRESENTATION) it shows a <lede-reader>, else the plain article.
 */
export async function mount(target, json, options = {}) {
  const { base, ...readerOptions } = options;
  if (!PRESENTATION.some((name) => options[name] !== undefined)) {
    const reader = await createReader(readerOptions);
    target.replaceChildren(await reader.renderAsync(json, { document: target.ownerDocument, base }));
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

// ---------------------------------------------------------------------------
// <lede-reader src="article.json">: the article in a shadow root, a toolbar, a progress
// bar, a player (the article's audio, or read-aloud) and an overlay mode. docs/reading.md

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
const STORE = 'lede:prefs';

// Preferences: the attribute is the embedder's default; the reader's choice (STORE) wins.
const DEFAULTS = { theme: 'auto', font: 'serif', fontSize: null, lineHeight: null, width: 'normal' };
const pairs = (s) => s.split(',').map((p) => p.split(':'));
const CHOICES = {
  font: ['Font', pairs('serif:Serif,sans:Sans-serif,mono:Monospace,readable:Readable')],
  lineHeight: ['Line spacing', pairs('1.35:Tight,1.6:Normal,1.9:Loose')],
  width: ['Width', pairs('narrow:Narrow,normal:Normal,wide:Wide')],
  theme: ['Theme', pairs('auto:Auto,light:Light,sepia:Sepia,dark:Dark,contrast:High contrast')],
};
const SIZES = [14, 16, 18, 20, 22, 24, 28, 32];
// Properties that reflect an attribute, and their value without it.
const PROPS = { src: '', base: '', mode: 'inline', ...DEFAULTS };
const attrName = (prop) => prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

// A preference's value, or null if it is not one. fontSize is in CSS pixels.
function valid(name, value) {
  if (value == null || value === '') return null;
  if (name !== 'lineHeight' && CHOICES[name]) return CHOICES[name][1].some(([v]) => v === value) ? value : null;
  const n = Number(value);
  return name === 'fontSize' ? (n >= 8 && n <= 72 ? n : null) : n >= 1 && n <= 3 ? n : null;
}

// Storage may be refused (sandboxes, privacy modes): choices then last the page.
// Every reader on the page follows a change made in any of them.
const changes = new EventTarget();
let memory = {};
let custom = null; // setPreferenceStore()
function stored() {
  if (custom) return custom.get() ?? {};
  try {
    return JSON.parse(localStorage.getItem(STORE)) ?? {};
  } catch {
    return memory;
  }
}
function store(prefs) {
  memory = prefs;
  if (custom) custom.set(prefs);
  else {
    try {
      localStorage.setItem(STORE, JSON.stringify(prefs));
    } catch {}
  }
  changes.dispatchEvent(new Event('change'));
}

/**
 * Keeps the readers' choices in `{ get() → object, set(prefs) }` (synchronous: keep a copy
 * in memory) instead of localStorage: an extension's storage, not the page's. Returns a
 * function to call when they changed elsewhere: every reader applies them again.
 */
export function setPreferenceStore(preferenceStore) {
  custom = preferenceStore;
  return () => changes.dispatchEvent(new Event('change'));
}

// @font-face does not reach into shadow roots: the readable face is added to the
// document's fonts, under a name of Lede's own, once someone chooses it.
let readable = false;
function loadReadableFont(doc) {
  if (readable || !doc.fonts) return;
  readable = true;
  for (const [range, unicodeRange] of [
    ['latin', 'U+0-FF,U+131,U+152-153,U+2000-206F,U+20AC,U+2122,U+2212'],
    ['latin-ext', 'U+100-2FF,U+1D00-1DBF,U+1E00-1EFF,U+20A0-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF'],
  ]) {
    for (const face of ['400-normal', '400-italic', '700-normal', '700-italic']) {
      const [weight, style] = face.split('-');
      const url = new URL(`./fonts/atkinson-hyperlegible-${range}-${face}.woff2`, import.meta.url);
      doc.fonts.add(new FontFace('Lede Atkinson Hyperlegible', `url("${url}")`, { weight, style, unicodeRange, display: 'swap' }));
    }
  }
}

// The core writes dates in English ("Tuesday, Jan 27, 2026"), as the seed page did; the
// reader shows them in the article's language from the browser's own locale data. The
// day stays the one written in datetime: no time zone moves it.
const dateFormats = new Map();
function localizeDates(root, lang) {
  if (!lang || /^en(-us)?$/i.test(lang)) return;
  if (!dateFormats.has(lang)) {
    let format = null;
    try {
      format = new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    } catch {} // not a language tag Intl knows: the core's English stays
    dateFormats.set(lang, format);
  }
  const format = dateFormats.get(lang);
  for (const time of format ? root.querySelectorAll('time[datetime]') : []) {
    const [y, m, d] = time.dateTime.slice(0, 10).split('-').map(Number);
    if (d) time.textContent = format.format(Date.UTC(y, m - 1, d));
  }
}

const FOCUSABLE = 'a[href],button,input,select,textarea,audio[controls],[tabindex="0"]';
let shadowMode = 'open'; // 'closed' while LedeReaderElement.attach() builds a reader

export class LedeReaderElement extends (globalThis.HTMLElement ?? class {}) {
  static get observedAttributes() {
    return ['src', 'base', 'mode', 'no-toolbar', 'hidden', ...Object.keys(DEFAULTS).map(attrName)];
  }

  /** Core options for this reader: { wasmURL, limits, keepSafeHtml, nofollow }. */
  options = {};

  #ui = {}; // the shadow root's parts
  #root; // the shadow root (this.shadowRoot is null when it is closed)
  #styled;
  #controller = null;
  #article = null;
  #started = false;
  #kept = false; // content prerendered in a declarative shadow root
  #announced = false; // lede-ready fired
  #open = false; // shown as an overlay
  #saved = null; // what opening the overlay changed: [focused element, html overflow, html had style]
  #raf = 0;
  #player = null; // a promise of the Player (./lede-listen.js), loaded on first use

  constructor() {
    super();
    // An article prerendered in a declarative shadow root (`lede site`) stays.
    const prerendered = this.shadowRoot?.querySelector('[part=content]');
    const kept = prerendered ? [...prerendered.childNodes] : [];
    this.#kept = kept.length > 0;
    const root = (this.#root = this.attachShadow({ mode: shadowMode }));
    const doc = root.ownerDocument;
    const u = this.#ui;
    const el = (tag, props, ...children) => {
      const node = doc.createElement(tag);
      for (const [k, v] of Object.entries(props ?? {})) if (k in node) node[k] = v; else node.setAttribute(k, v);
      node.append(...children);
      return node;
    };
    const button = (text, act, props) => el('button', { type: 'button', 'data-act': act, ...props }, text);
    const select = (name, label, options, props) =>
      el('label', props, label, (u[name] = el('select', { name }, ...options.map(([value, text]) => el('option', { value }, text)))));
    const link = el('link', { rel: 'stylesheet', href: stylesheetURL.href });
    this.#styled = new Promise((resolve) => {
      link.onload = link.onerror = resolve;
    });
    u.status = el('div', { className: 'lede-status', part: 'status', role: 'status', hidden: true });
    u.content = el('div', { part: 'content' }, ...kept);
    u.toolbar = el('div', { part: 'toolbar', role: 'toolbar', 'aria-label': 'Reader' },
      (u.display = button('Aa Display', 'display', { 'aria-expanded': false, 'aria-controls': 'lede:settings' })),
      (u.listen = button('Listen', 'listen', { hidden: true, 'aria-expanded': false, 'aria-controls': 'lede:player' })));
    u.close = button('×', 'close', { part: 'close', 'aria-label': 'Close', hidden: true });
    u.settings = el('div', { id: 'lede:settings', className: 'lede-row', part: 'settings', hidden: true },
      el('div', { role: 'group', 'aria-label': 'Text size' }, 'Text size',
        button('Smaller', 'smaller'), (u.size = el('span')), button('Larger', 'larger')),
      ...Object.entries(CHOICES).map(([name, [label, options]]) => select(name, label, options)),
      button('Reset', 'reset'));
    u.player = el('div', { id: 'lede:player', className: 'lede-row', part: 'player', role: 'group', 'aria-label': 'Player', hidden: true },
      button('Previous', 'prev', { className: 'lede-speech', 'aria-label': 'Previous sentence' }),
      (u.play = button('Play', 'play')),
      button('Next', 'next', { className: 'lede-speech', 'aria-label': 'Next sentence' }),
      (u.seek = el('input', { type: 'range', name: 'seek', className: 'lede-audio', min: 0, max: 0, step: 1, value: 0, 'aria-label': 'Seek' })),
      (u.time = el('span', { className: 'lede-audio lede-time' }, '0:00 / 0:00')),
      select('rate', 'Speed', [0.75, 1, 1.25, 1.5, 1.75, 2].map((r) => [r, `${r}×`])),
      select('voice', 'Voice', [], { className: 'lede-speech' }),
      button('Close player', 'stop'));
    u.rate.value = '1';
    u.progress = el('div', { className: 'lede-progress', part: 'progress', role: 'progressbar', 'aria-label': 'Reading progress',
      'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0 }, el('div'));
    u.bar = el('div', { className: 'lede-bar', part: 'bar', hidden: true }, el('div', { className: 'lede-row' }, u.toolbar, u.close), u.settings, u.player, u.progress);
    u.frame = el('div', { className: 'lede-frame', part: 'frame' }, u.bar, u.status, u.content);
    root.append(link, u.frame);
    // No flash of unstyled controls.
    this.#styled.then(() => {
      u.bar.hidden = false;
      this.#measure();
    });
    root.addEventListener('click', (e) => this.#click(e));
    root.addEventListener('change', (e) => this.#change(e));
    root.addEventListener('keydown', (e) => this.#key(e));
    u.frame.addEventListener('scroll', this.#onScroll, { passive: true });
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

  /** Whether the toolbar shows: the `no-toolbar` attribute, inverted. */
  get toolbar() {
    return !this.hasAttribute('no-toolbar');
  }

  set toolbar(value) {
    this.toggleAttribute('no-toolbar', !value);
  }

  /** The preferences in force: the reader's stored choices over the attributes. */
  get prefs() {
    const mine = stored();
    const prefs = {};
    for (const [name, fallback] of Object.entries(DEFAULTS)) {
      prefs[name] = valid(name, mine[name]) ?? valid(name, this.getAttribute(attrName(name))) ?? fallback;
    }
    return prefs;
  }

  connectedCallback() {
    // A property set before the element was defined hides the accessor.
    for (const prop of ['article', 'toolbar', ...Object.keys(PROPS)]) {
      if (Object.hasOwn(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    addEventListener('scroll', this.#onScroll, { passive: true });
    addEventListener('resize', this.#onResize);
    addEventListener('storage', this.#onStorage); // choices made in another tab
    changes.addEventListener('change', this.#onStorage);
    this.#apply();
    if (!this.#started) {
      this.#started = true;
      if (this.#kept) {
        this.#kept = false;
        this.#setState('ready');
        this.#shown(this.src ? new URL(this.src, this.ownerDocument.baseURI).href : '');
      } else this.#load();
    }
  }

  disconnectedCallback() {
    this.#controller?.abort();
    this.#started = false;
    removeEventListener('scroll', this.#onScroll);
    removeEventListener('resize', this.#onResize);
    removeEventListener('storage', this.#onStorage);
    changes.removeEventListener('change', this.#onStorage);
    this.#closePlayer();
    this.#sync();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#started) return;
    if (name === 'src' || name === 'base') this.#load();
    else this.#apply();
  }

  /** Loads and renders again (the error state's Retry button calls this). */
  reload() {
    return this.#load();
  }

  /**
   * Shows an article already built (buildFragment()) without loading the core, which a
   * page's CSP may forbid. Resolves once it is shown (lede-loaded fired).
   */
  async showFragment(fragment) {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.#article = null;
    await this.#styled;
    // A load of `src` or `article` started meanwhile wins (connecting to find neither does not).
    if (this.#controller !== controller && (this.getAttribute('src') || this.#article != null)) return;
    this.#setState('ready');
    this.#ui.content.replaceChildren(fragment);
    this.#shown('');
  }

  /**
   * Makes `host` (an element that can have a shadow root) a <lede-reader> without the
   * custom-element registry, which is null in an extension's isolated world. Attribute
   * changes are followed; call host.connectedCallback() once it is in the document and
   * host.disconnectedCallback() once removed. Returns the shadow root (mode: 'closed' ok).
   */
  static attach(host, { mode = 'open' } = {}) {
    // super() calls the class's prototype: for this one construction that returns `host`
    // instead of a new element, so the fields and the shadow root are set up on host.
    const base = Object.getPrototypeOf(LedeReaderElement);
    Object.setPrototypeOf(LedeReaderElement, function adopt() {
      return host;
    });
    shadowMode = mode;
    try {
      Reflect.construct(LedeReaderElement, []);
    } finally {
      Object.setPrototypeOf(LedeReaderElement, base);
      shadowMode = 'open';
    }
    Object.setPrototypeOf(host, LedeReaderElement.prototype);
    const observed = LedeReaderElement.observedAttributes;
    new MutationObserver((records) => {
      for (const r of records) host.attributeChangedCallback(r.attributeName, r.oldValue, host.getAttribute(r.attributeName));
    }).observe(host, { attributes: true, attributeOldValue: true, attributeFilter: observed });
    return host.#root;
  }

  /** Closes the overlay (sets `hidden`; `el.hidden = false` opens it again). */
  close() {
    if (!this.#open) return;
    this.hidden = true;
    this.#fire('lede-close', {});
  }

  /** Forgets the reader's own choices: the attributes apply again. */
  resetPreferences() {
    store({});
    this.#fire('lede-change', { name: null, value: null, prefs: this.prefs });
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
      const { wasmURL, ...options } = this.options ?? {};
      const core = loadCore(wasmURL);
      let json = article;
      if (src) {
        url = new URL(src, this.ownerDocument.baseURI).href;
        // wasm is compiled a function at a time on first call: a small article rendered
        // once while the fetch is out takes that work off the first render's path (the
        // seed's first render after a 100 ms fetch: 27.7 ms without, 11.3 ms with).
        core.then((c) => (c.warm ??= c.call('{"title":"W","body":"*a* [\'b\'](/c)"}', 0))).catch(() => {});
        json = await fetchArticle(url, controller.signal);
      }
      const base = url || (this.base ? new URL(this.base, this.ownerDocument.baseURI).href : undefined);
      const reader = await core;
      await this.#styled;
      if (controller.signal.aborted) return;
      const fragment = await reader.renderAsync(json, { ...options, document: this.ownerDocument, base });
      if (controller.signal.aborted) return;
      this.#ui.content.replaceChildren(fragment);
      this.#setState('ready');
      this.#shown(url);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.#showError(error, url);
      this.#fire('lede-error', { src: url, error });
    }
  }

  #shown(src) {
    const u = this.#ui;
    const article = u.content.querySelector('article');
    // The bar fills in the article's direction, not the host page's.
    if (article?.dir) u.progress.dir = article.dir;
    else u.progress.removeAttribute('dir');
    localizeDates(u.content, article?.lang);
    const audio = u.content.querySelector('.lede-listen audio');
    u.listen.hidden = !audio && !globalThis.speechSynthesis;
    u.listen.textContent = audio ? 'Listen' : 'Read aloud';
    u.player.dataset.kind = audio ? 'audio' : 'speech';
    this.#apply();
    this.#onResize();
    // Plain text for the event: typography's no-break spaces become spaces.
    const title = (u.content.querySelector('h1')?.textContent ?? '').replace(/\u00a0/g, ' ');
    this.#fire('lede-loaded', { src, title });
    if (!this.#announced) {
      this.#announced = true;
      this.#fire('lede-ready', { src, title, prefs: this.prefs });
    }
  }

  #setState(state, message = '') {
    this.setAttribute('state', state);
    this.toggleAttribute('aria-busy', state === 'loading');
    const status = this.#ui.status;
    status.dataset.state = state;
    status.setAttribute('role', state === 'error' ? 'alert' : 'status');
    status.replaceChildren();
    status.hidden = !message;
    if (message) status.append(message);
    if (state !== 'ready') this.#ui.content.replaceChildren();
    // A new article, or none: a new player.
    this.#closePlayer();
    this.#player?.then((p) => p.dispose());
    this.#player = null;
    this.#ui.listen.hidden = true;
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
    this.#ui.status.append(detail, retry);
    void url;
  }

  #fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // ---- preferences

  #apply() {
    const u = this.#ui;
    const p = this.prefs;
    const frame = u.frame;
    Object.assign(frame.dataset, { theme: p.theme, font: p.font, width: p.width });
    frame.part = `frame theme-${p.theme}`; // ::part(theme-dark) restyles one theme
    if (p.fontSize) frame.style.setProperty('--lede-font-size', `${p.fontSize}px`);
    else frame.style.removeProperty('--lede-font-size');
    if (p.lineHeight) frame.style.setProperty('--lede-line-height', p.lineHeight);
    else frame.style.removeProperty('--lede-line-height');
    if (p.font === 'readable') loadReadableFont(this.ownerDocument);
    for (const name of Object.keys(CHOICES)) {
      const value = String(p[name] ?? '1.6');
      // A line spacing the embedder set that the menu does not offer is shown, not blank.
      if (![...u[name].options].some((o) => o.value === value)) u[name].append(new Option(`Custom (${value})`, value));
      u[name].value = value;
    }
    u.size.textContent = `${Math.round(this.#fontSize())} px`;
    frame.toggleAttribute('data-toolbar', this.toolbar);
    u.toolbar.hidden = !this.toolbar;
    if (!this.toolbar) {
      this.#toggle(u.display, u.settings, false);
      if (!u.player.hidden) this.#closePlayer();
    }
    this.#sync();
  }

  #onStorage = (e) => {
    if (e.key == null || e.key === STORE) this.#apply();
  };

  #fontSize() {
    const article = this.#ui.content.querySelector('.lede');
    return this.prefs.fontSize ?? (article ? parseFloat(getComputedStyle(article).fontSize) : 18);
  }

  #choose(name, value) {
    store({ ...stored(), [name]: value });
    const prefs = this.prefs;
    this.#fire('lede-change', { name, value: prefs[name], prefs });
  }

  // ---- overlay

  #sync() {
    const open = this.getAttribute('mode') === 'overlay' && this.isConnected && !this.hidden;
    if (open === this.#open) return;
    this.#open = open;
    const { frame, close } = this.#ui;
    const html = this.ownerDocument.documentElement;
    frame.dataset.mode = open ? 'overlay' : 'inline';
    const dialog = { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'lede-title', 'aria-label': 'Article', tabindex: '-1' };
    for (const [k, v] of Object.entries(dialog)) if (open) frame.setAttribute(k, v); else frame.removeAttribute(k);
    close.hidden = !open;
    if (open) {
      let focused = this.ownerDocument.activeElement;
      while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
      const [overflow, style] = [html.style.overflow, html.getAttribute('style')];
      html.style.overflow = 'hidden'; // the page does not scroll behind the overlay
      this.#saved = [focused, overflow, style, html.style.cssText];
      this.#styled.then(() => this.#open && close.focus());
    } else if (this.#saved) {
      const [focused, overflow, style, ours] = this.#saved;
      this.#saved = null;
      const untouched = html.style.cssText === ours; // the page left <html>'s style alone
      html.style.overflow = overflow;
      // The attribute as it was, byte for byte. Read first: Chromium writes a changed
      // inline style into the attribute lazily, and would write style="" back after the removal.
      const now = html.getAttribute('style');
      if (untouched ? now !== style : style === null && now === '') {
        if (style === null) html.removeAttribute('style');
        else html.setAttribute('style', style);
      }
      if (focused?.isConnected) focused.focus();
    }
    this.#measure();
  }

  // ---- events from the shadow root

  #click(e) {
    const u = this.#ui;
    const target = e.target.closest?.('[data-act], a[href^="#"]');
    if (!target) return;
    if (!target.dataset.act) return this.#jump(e, target);
    switch (target.dataset.act) {
      case 'display':
        this.#toggle(u.display, u.settings);
        break;
      case 'smaller':
      case 'larger': {
        const now = this.#fontSize();
        const size = target.dataset.act === 'larger' ? SIZES.find((s) => s > now) : SIZES.findLast((s) => s < now);
        if (size) this.#choose('fontSize', size);
        break;
      }
      case 'reset':
        this.resetPreferences();
        break;
      case 'listen':
        if (!u.player.hidden) return this.#closePlayer();
        this.#toggle(u.listen, u.player, true);
        this.#player ??= import('./lede-listen.js').then(({ Player }) => new Player(u));
        this.#player.then((p) => p.play(true));
        break;
      case 'play':
      case 'prev':
      case 'next':
        this.#player?.then((p) => p[target.dataset.act]());
        break;
      case 'stop':
        this.#closePlayer();
        u.listen.focus();
        break;
      case 'close':
        this.close();
        break;
    }
  }

  #change(e) {
    const t = e.target;
    if (!this.#ui.bar.contains(t)) return;
    if (t.name in DEFAULTS) this.#choose(t.name, valid(t.name, t.value));
    else this.#player?.then((p) => p.change(t.name, t.value));
  }

  #key(e) {
    const u = this.#ui;
    const root = this.#root;
    if (e.key === 'Escape' && !u.settings.hidden) {
      this.#toggle(u.display, u.settings, false);
      u.display.focus();
    } else if (e.key === 'Escape' && this.#open) {
      this.close();
    } else if (e.key === 'Tab' && this.#open) {
      // Focus stays in the dialog.
      const all = [...root.querySelectorAll(FOCUSABLE)].filter((n) => !n.disabled && n.checkVisibility());
      const i = all.indexOf(root.activeElement);
      if (e.shiftKey ? i > 0 : i < all.length - 1 || i < 0) return;
      (e.shiftKey ? all.at(-1) : all[0])?.focus();
    } else return;
    e.preventDefault();
  }

  // In-page links (the contents) in the shadow root: the target scrolls into view and
  // takes the focus; the page's URL stays.
  #jump(e, link) {
    const target = this.#root.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (!target) return;
    e.preventDefault();
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
  }

  #toggle(button, panel, open = panel.hidden) {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', open);
    return open;
  }

  // ---- reading progress

  // Code and tables that scroll sideways take the focus, for the keyboard.
  #onResize = () => {
    for (const box of this.#ui.content.querySelectorAll('pre, .lede-scroll')) {
      if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
      else box.removeAttribute('tabindex');
    }
    this.#onScroll();
  };

  #onScroll = () => {
    this.#raf ||= requestAnimationFrame(() => {
      this.#raf = 0;
      this.#measure();
    });
  };

  #measure() {
    const { frame, progress } = this.#ui;
    let p;
    if (this.#open) {
      const max = frame.scrollHeight - frame.clientHeight;
      p = max > 0 ? frame.scrollTop / max : 1;
    } else {
      const r = frame.getBoundingClientRect();
      const h = innerHeight;
      p = r.height > h ? -r.top / (r.height - h) : +(r.bottom <= h);
    }
    p = Math.round(Math.min(1, Math.max(0, p || 0)) * 100);
    progress.setAttribute('aria-valuenow', p);
    progress.style.setProperty('--lede-progress', p / 100);
  }

  #closePlayer() {
    this.#player?.then((p) => p.stop());
    this.#toggle(this.#ui.listen, this.#ui.player, false);
  }
}

/** LedeReaderElement.attach(): a reader on `host` without the custom-element registry. */
export function attachReader(host, options) {
  return LedeReaderElement.attach(host, options);
}

// Lit-style declared properties: each reflects its attribute.
for (const [prop, fallback] of Object.entries(PROPS)) {
  const attr = attrName(prop);
  Object.defineProperty(LedeReaderElement.prototype, prop, {
    get() {
      const value = this.getAttribute(attr);
      return value == null ? fallback : prop === 'fontSize' || prop === 'lineHeight' ? valid(prop, value) : value;
    },
    set(value) {
      if (value == null || value === '') this.removeAttribute(attr);
      else this.setAttribute(attr, value);
    },
    configurable: true,
  });
}

if (globalThis.customElements && !customElements.get('lede-reader')) {
  customElements.define('lede-reader', LedeReaderElement);
}
