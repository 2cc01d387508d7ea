// The wasm core: fetched and compiled once per module URL, shared by every reader on the
// page. It takes article JSON and gives back the op-stream (ops.js builds DOM from it) or
// HTML. Two cores, never both needed: dist/lede.wasm takes Lede's own format with
// Markdown bodies; dist/lede-html.wasm is the same core with HTML bodies and the other
// formats, and takes everything. A page downloads the one its first article needs
// (coreFor); lede.wasm refuses what it cannot take with needs_html_parser, and then
// lede-html.wasm is loaded and takes over. The HTML the quick parser gives up on and the
// named references outside HTML 4's need dist/lede-gumbo.wasm (gumbo, the lenient reader
// and HTML5's full table), RSS and Atom feeds need dist/lede-xml.wasm (expat and the
// feed adapters), and Markdown in lede-html.wasm needs
// dist/lede-markdown.wasm (md4c, which lede.wasm has built in): each loaded once, when
// first needed.
import { LedeError } from './errors.js';
import { encodeHtmlEvents } from './html-events.js';
import { buildFragment } from './ops.js';
// The numbers passed to wasm and back, from src/interface.def (the bundler serves
// them: scripts/minify-web.mjs): OPTIONS[which] for lede_set_option, lede_render's format
// bits, ERROR_CODES[status], and WASI's ERRNO_NOSYS.
import { OPTIONS, ERROR_CODES, FORMAT_OPS, FORMAT_HTML, FREE_INPUT, ERRNO_NOSYS } from 'lede:interface';

const encoder = new TextEncoder();
// A U+FEFF that starts a buffer is text: the op-stream's second pool may begin with one.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
// For the op-stream's ASCII part: windows-1252 ('latin1' in the Encoding standard) maps
// every byte below 0x80 to itself, as UTF-8 does, without UTF-8's checks. In Chromium it
// decodes 200 KB of ASCII in 140 µs against 190, and renderOps() is 7–13 % faster on the
// seed, seed40 and spec (docs/performance.md, issue 18 "Stop 29"). That part holds only
// ASCII because the tree's text is valid UTF-8, which the op lengths (UTF-16 units)
// already rely on (src/output/op_writer.cpp).
const ascii = new TextDecoder('latin1');

const cores = new Map();

// Every file Lede loads is named as new URL('./literal', import.meta.url), the one form
// bundlers (Vite, webpack, Parcel, Rollup's plugins) follow: they emit the file and
// rewrite the URL. A URL put together at run time is invisible to them, so the file
// goes missing from the build (tests/browser/bundlers.test.mjs).
const coreURL = new URL('./dist/lede.wasm', import.meta.url);
const htmlCoreURL = new URL('./dist/lede-html.wasm', import.meta.url);
const gumboURL = new URL('./dist/lede-gumbo.wasm', import.meta.url);
const xmlURL = new URL('./dist/lede-xml.wasm', import.meta.url);
const markdownURL = new URL('./dist/lede-markdown.wasm', import.meta.url);
// The package's own cores find the other modules at the URLs above; a core loaded from
// elsewhere (wasmURL) looks for them beside itself.
const ownCores = [String(coreURL), String(htmlCoreURL)];
const beside = (core, own, name) => (ownCores.includes(core.url) ? own : new URL(name, core.url));

// Whether an article is one lede.wasm cannot take: Lede's own format is the one with a
// "body"; WordPress, JSON Feed, Readability, schema.org, Apple News and feeds have none.
// A guess that only chooses which core to download first: a wrong one costs bytes,
// never output (lede.wasm refuses what it cannot take, and lede-html.wasm takes all).
export function needsHtml(json) {
  if (json instanceof ArrayBuffer) json = new Uint8Array(json);
  if (json instanceof Uint8Array) json = decoder.decode(json);
  if (typeof json === 'string') return !/"body"\s*:/.test(json);
  const has = (a) => a !== null && typeof a === 'object' && 'body' in a;
  return !(Array.isArray(json) ? json.some(has) : has(json));
}

// The core for `json`: the one already loaded if it can take it (lede-html.wasm takes
// everything), else lede-html.wasm for an article that needs it, else lede.wasm. A page
// showing a WordPress post downloads lede-html.wasm alone (scripts/size-report.mjs).
export function coreFor(json, { wasmURL, htmlWasmURL } = {}) {
  if (wasmURL) return loadCore(wasmURL);
  const html = String(htmlWasmURL ?? htmlCoreURL);
  return loadCore(cores.has(html) || needsHtml(json) ? html : coreURL);
}

// lede-html.wasm as the core itself, for readers that know they show HTML.
export const loadHtmlCore = (url) => loadCore(url ?? htmlCoreURL);

export function loadCore(wasmURL, Kind = Core) {
  const url = String(wasmURL ?? coreURL);
  let core = cores.get(url);
  if (!core) {
    core = compile(url).then((module) => {
      // WebKit compiles under a CSP without 'wasm-unsafe-eval' and refuses the first
      // instance instead: the same error as the other engines give at compile time.
      let made;
      try {
        made = new Kind(module, url);
      } catch (cause) {
        throw cause instanceof WebAssembly.CompileError ? refused(cause) : cause;
      }
      // A caller that renders at once does so before this task runs (warmUp then does
      // nothing); one still waiting for its article gets the core warmed meanwhile.
      if (made instanceof Core) setTimeout(() => made.warmUp());
      return made;
    });
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
    throw refused(cause);
  }
}

const refused = (cause) =>
  new LedeError(`Could not start Lede's core: ${cause.message} (a Content-Security-Policy must allow 'wasm-unsafe-eval')`, {
    code: 'wasm',
    cause,
  });

// What a module may import besides Lede's own functions: WASI's, answered "not
// supported" (gumbo's diagnostics can reach fd_write; the core never needs one to do its
// work), and proc_exit, which never returns.
function systemImports(module, env) {
  const imports = {
    env: { emscripten_notify_memory_growth() {}, ...env },
    wasi_snapshot_preview1: {
      proc_exit(code) {
        throw new LedeError(`Lede's core stopped (exit ${code})`, { code: 'internal' });
      },
    },
  };
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind === 'function' && from === 'wasi_snapshot_preview1' && !imports[from][name]) {
      imports[from][name] = () => ERRNO_NOSYS;
    }
  }
  return imports;
}

// A parser in a module of its own, for lede-html.wasm: lede-gumbo.wasm (gumbo and the
// lenient reader: the HTML the quick parser gives up on, answered as HTML events,
// src/html/html_events.hpp) or lede-xml.wasm (expat and the feed adapters: RSS and Atom,
// answered with the article, article_outcome.hpp). lede-html.wasm calls it
// through two imports, lede_<name>_parse and lede_<name>_take.
class Parser {
  constructor(module, name) {
    const env = {
      // getentropy(): the salt of expat's hash tables.
      getentropy: (ptr, size) => {
        crypto.getRandomValues(new Uint8Array(this.x.memory.buffer, ptr, size));
        return 0;
      },
    };
    this.x = new WebAssembly.Instance(module, systemImports(module, env)).exports;
    this.x._initialize();
    this.name = name;
    this.size = 0;
  }

  // `input` is a view of the calling core's memory; returns the size of the answer.
  parse(input, ...limits) {
    const x = this.x;
    const at = x[`lede_${this.name}_alloc`](input.length);
    if (!at) return -1;
    new Uint8Array(x.memory.buffer, at, input.length).set(input);
    this.size = x[`lede_${this.name}_parse`](at, input.length, ...limits);
    return this.size;
  }

  take(out) {
    out.set(new Uint8Array(this.x.memory.buffer, this.x[`lede_${this.name}_data`](), this.size));
    this.x[`lede_${this.name}_clear`]();
  }
}
class Gumbo extends Parser {
  constructor(module) {
    super(module, 'gumbo');
  }

  // A named reference outside HTML 4's (`name`: its bytes, at most 32) from HTML5's full
  // table: 1 with its two code points set in `out`, or 0.
  entity(name, out) {
    const x = this.x;
    const slot = x.lede_gumbo_entity_slot();
    new Uint8Array(x.memory.buffer, slot, name.length).set(name);
    const found = x.lede_gumbo_entity(name.length);
    if (found === 1) out.set(new Uint32Array(x.memory.buffer, slot + 32, 2));
    return found;
  }
}
class Xml extends Parser {
  constructor(module) {
    super(module, 'xml');
  }
}
// md4c, answering with its callbacks in their byte form (src/markdown/markdown_events.hpp).
class Markdown extends Parser {
  constructor(module) {
    super(module, 'markdown');
  }
}

class Core {
  constructor(module, url) {
    this.module = module;
    this.url = url;
    this.start();
    if (this.hasHtml) this.html = this;
    const names = (kind) => this.string(this.x.lede_names(kind)).split('\n').slice(0, -1);
    this.tags = names(0);
    this.attrs = names(1);
  }

  // A trap would leave the instance in an unknown state; the C++ side is written never
  // to trap, but if it ever did, the next call gets a fresh instance.
  start() {
    const imports = systemImports(this.module, {
      // gumbo and expat in modules of their own (lede-html.wasm): -1 until loaded.
      lede_gumbo_parse: (ptr, size, lenientOnly) => (this.gumbo ? this.gumbo.parse(this.bytes(ptr, size), lenientOnly) : -1),
      lede_gumbo_take: (ptr) => this.gumbo.take(this.bytes(ptr, this.gumbo.size)),
      lede_xml_parse: (ptr, size) => (this.xml ? this.xml.parse(this.bytes(ptr, size)) : -1),
      lede_xml_take: (ptr) => this.xml.take(this.bytes(ptr, this.xml.size)),
      // md4c (lede-html.wasm's Markdown): -1 until lede-markdown.wasm is loaded.
      lede_markdown_parse: (ptr, size, flags, max) => (this.markdown ? this.markdown.parse(this.bytes(ptr, size), flags, max) : -1),
      lede_markdown_take: (ptr) => this.markdown.take(this.bytes(ptr, this.markdown.size)),
      // lede-html.wasm's named references outside HTML 4's, from lede-gumbo.wasm: -1 until loaded.
      lede_entity: (ptr, size, out) =>
        this.gumbo ? this.gumbo.entity(this.bytes(ptr, size), new Uint32Array(this.x.memory.buffer, out, 2)) : -1,
    });
    this.x = new WebAssembly.Instance(this.module, imports).exports;
    this.x._initialize();
    this.broken = false;
  }

  // lede-html.wasm (it imports gumbo's functions) is its own HTML core.
  get hasHtml() {
    return WebAssembly.Module.imports(this.module).some((i) => i.name === 'lede_gumbo_parse');
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

  // By default the HTML core is the package's own; a core loaded from elsewhere (wasmURL)
  // looks for it beside itself.
  async loadHtml(url) {
    this.html ??= await loadCore(url ?? beside(this, htmlCoreURL, 'lede-html.wasm'));
  }

  // lede-gumbo.wasm, for the HTML core; beside it by default, as lede-html.wasm is.
  async loadGumbo(htmlURL, url) {
    await this.loadHtml(htmlURL);
    this.html.gumbo ??= await loadCore(url ?? beside(this, gumboURL, 'lede-gumbo.wasm'), Gumbo);
  }

  // lede-xml.wasm, for the HTML core, the same way.
  async loadXml(htmlURL, url) {
    await this.loadHtml(htmlURL);
    this.html.xml ??= await loadCore(url ?? beside(this, xmlURL, 'lede-xml.wasm'), Xml);
  }

  // lede-markdown.wasm, for the HTML core, the same way.
  async loadMarkdown(htmlURL, url) {
    await this.loadHtml(htmlURL);
    this.html.markdown ??= await loadCore(url ?? beside(this, markdownURL, 'lede-markdown.wasm'), Markdown);
  }

  // render(), loading lede-html.wasm first if the article needs it, then the module its
  // needs_html_parser error names: lede-xml.wasm for an RSS or Atom feed,
  // lede-gumbo.wasm for HTML the quick parser gives up on or a named reference outside
  // HTML 4's, lede-markdown.wasm for Markdown that lede-html.wasm is given (and lede.wasm,
  // if here, cannot take).
  async renderAsync(json, options) {
    for (;;) {
      try {
        return this.render(json, options);
      } catch (e) {
        if (e.code !== 'needs_html_parser') throw e;
        if (!this.html) await this.loadHtml(options?.htmlWasmURL);
        else if (!this.html.xml && e.message.includes('lede-xml.wasm')) await this.loadXml(options?.htmlWasmURL, options?.xmlWasmURL);
        else if (!this.html.gumbo && e.message.includes('lede-gumbo.wasm')) await this.loadGumbo(options?.htmlWasmURL, options?.gumboWasmURL);
        else if (!this.html.markdown && e.message.includes('lede-markdown.wasm')) await this.loadMarkdown(options?.htmlWasmURL, options?.markdownWasmURL);
        else throw e;
      }
    }
  }

  // Copies the article into wasm memory, renders it (format FORMAT_OPS or FORMAT_HTML) and throws
  // a LedeError if the core refused it. Returns the core holding the output (valid until
  // its next call).
  // options: { limits: { inputBytes, jsonDepth, outputBytes, markdownDepth }, keepSafeHtml, nofollow, item,
  //            bodyEvents }
  call(json, format, options) {
    // Once lede-html.wasm is here it takes every article: it has all of lede.wasm, so
    // the output is the same, and an HTML body is then read once, not twice. But its
    // Markdown needs lede-markdown.wasm: until that is loaded, this core (md4c built in)
    // takes the articles it can, Lede's own format with Markdown, with the same output.
    if (this.html && this.html !== this) {
      try {
        return this.html.call(json, format, options);
      } catch (e) {
        if (e.code !== 'needs_html_parser' || this.html.markdown || !e.message.includes('lede-markdown.wasm')) throw e;
        try {
          return this.own(json, format, options);
        } catch (mine) {
          throw mine.code === 'needs_html_parser' ? e : mine;
        }
      }
    }
    return this.own(json, format, options);
  }

  own(json, format, options) {
    if (this.broken) this.start();
    this.warmed = true;
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
    // the input's place once the input is read and freed, instead of new memory; the
    // 1/32 more leaves room beside it that kept the seed, seed40 and spec under 4× their
    // size at the peak, from bytes and from a string alike (docs/performance.md, "Stop 28").
    const n = input.length;
    let capacity = text && n <= 16384 ? n * 3 : n + (n >> 3) + (n >> 5) + 64;
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
      OPTIONS.forEach((name, which) => given[name] !== undefined && x.lede_set_option(which, Number(given[name])));
      // Which article of a feed or list: an index (a number or its digits) or an item's
      // id, url or slug; the core says when there is no such item.
      if (options?.item != null && options.item !== '') {
        const item = encoder.encode(String(options.item));
        const at = x.lede_alloc(item.length);
        if (!at) throw new LedeError('Out of memory for the article', { code: 'too_large' });
        this.bytes(at, item.length).set(item);
        x.lede_set_item(at, item.length);
        x.lede_free(at);
      }
      // The article's body as HTML events (a DOM walked: html-events.js), in place of the
      // one in its JSON. Only lede-html.wasm reads them: renderAsync loads it.
      if (options?.bodyEvents != null) {
        if (!x.lede_set_body_events) {
          throw new LedeError('a body given as HTML events needs lede-html.wasm (renderAsync loads it)', { code: 'needs_html_parser' });
        }
        const events = encodeHtmlEvents(options.bodyEvents);
        const at = x.lede_alloc(events.length);
        if (!at) throw new LedeError('Out of memory for the article', { code: 'too_large' });
        this.bytes(at, events.length).set(events);
        x.lede_set_body_events(at, events.length);
        x.lede_free(at);
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
    const core = this.call(json, FORMAT_HTML, options);
    return decoder.decode(core.bytes(core.x.lede_html(), core.x.lede_html_size()));
  }

  // The op-stream (see src/output/op_writer.hpp): the ops as a view into wasm memory,
  // valid until the core's next call, and the pool's two parts decoded apart: the ASCII
  // one becomes a one-byte string, which Blink takes faster as text and values.
  ops(json, options) {
    const core = this.call(json, FORMAT_OPS, options);
    const x = core.x;
    const ops = new Uint32Array(x.memory.buffer, x.lede_ops(), x.lede_ops_count());
    const pool = core.bytes(x.lede_strings(), x.lede_strings_size());
    const split = ops[ops.length - 1];
    return {
      ops: ops.subarray(0, -1),
      strings: ascii.decode(pool.subarray(0, split)),
      wide: decoder.decode(pool.subarray(split)),
      tags: core.tags,
      attrs: core.attrs,
    };
  }

  render(json, { document, base, ...options } = {}) {
    return buildFragment(this.ops(json, options), { document, base });
  }

  // A small article rendered while the reader's own is still on its way (a fetch, or the
  // rest of a <lede-reader>'s src): in the first task after the core is made (loadCore),
  // unless the core has rendered something by then (own()).
  // V8 (Chromium) compiles a wasm function on its first call, on the page's thread: most
  // of a cold first render is that (the seed's: 230 functions, 94 KB of code, 6–12 ms of
  // 16–22), and a page cannot ask for it sooner. Done here, in time the thread would spend
  // waiting, the article's first render finds most of its code compiled, and the DOM
  // builder's JS warm (docs/performance.md, "Stop 29: cold start"); where the module was
  // compiled as it downloaded, this costs one small render of idle time. Without a DOM (a
  // worker, an extension's background) the op-stream alone. An error (lede-html.wasm
  // without lede-markdown.wasm) only means less was compiled.
  warmUp(document = globalThis.document) {
    if (this.warmed) return;
    try {
      if (document) this.render(WARM_ARTICLE, { document });
      else this.ops(WARM_ARTICLE);
    } catch {}
  }
}

// What most articles in Lede's format take, in few bytes: a header, Markdown's common
// blocks and spans, typography's quotes and dashes, a related list. (Its site, url and lang
// as well would take the seed's first render from 8.57 to 8.42 M instructions, against
// 36.5 M cold, for 50 B more of lede.js; docs/performance.md, "Stop 29: cold start".)
const WARM_ARTICLE =
  '{"title":"A \\"b\\"","published":"2026-01-27","dek":"g -- h","body":"## i\\n\\nj *k* **l** `m` [n](https://d.e/o) \\"p\\" -- q\'s.' +
  '\\n\\n- r\\n\\n> s\\n\\n1. t","related":[{"title":"u","url":"https://d.e/v"}]}';
