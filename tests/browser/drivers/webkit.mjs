// WebKit (WebKitGTK's MiniBrowser, Debian's webkit2gtk-driver) through WebKitWebDriver,
// a W3C WebDriver server, over plain HTTP from node, wrapped in the subset of
// Playwright's API the tests use. One X server (Xvfb) per test process; one
// WebKitWebDriver and MiniBrowser per browser context (the driver holds one session).
//
// WebDriver has no network events, console events or init scripts, so the test server
// (scripts/serve.mjs, testHooks) stands in: it reports every request and response to the
// open WebKit pages, and puts one script first into every HTML page it serves. That
// script records page errors and console.error (handed over with each evaluate's
// result) and runs the context's init scripts, found through a cookie the driver sets.
// Per-context settings WebDriver lacks are MiniBrowser's switches: --dark-mode for
// colorScheme 'dark', --enable-javascript-markup=false for javaScriptEnabled: false
// (the page's own scripts are off; the driver's still run).
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { testHooks } from '../../../scripts/serve.mjs';
import { Locator } from './locator.mjs';
import { Unsupported, freePort, poll, request, saveScreenshot, sleep, splitCombo } from './common.mjs';

const DRIVER = process.env.WEBKIT_DRIVER ?? 'WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER ?? findMiniBrowser();
const COOKIE = 'lede-webkit';
const INIT_PATH = '/__lede-webkit/init.js';
const BLANK_PATH = '/__lede-webkit/blank.html';

function findMiniBrowser() {
  for (const abi of ['4.1', '6.0', '4.0']) {
    const path = `/usr/lib/x86_64-linux-gnu/webkit2gtk-${abi}/MiniBrowser`;
    if (existsSync(path)) return path;
  }
  try {
    return execFileSync('sh', ['-c', 'dpkg -L libwebkit2gtk-4.1-0 | grep /MiniBrowser$'], { encoding: 'utf8' }).trim();
  } catch {
    return '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
  }
}

// WebDriver's key codes for Playwright's key names.
const KEYS = {
  Enter: '\uE007', Tab: '\uE004', Escape: '\uE00C', Backspace: '\uE003', Delete: '\uE017',
  Shift: '\uE008', Control: '\uE009', Alt: '\uE00A', Meta: '\uE03D',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015',
  Home: '\uE011', End: '\uE010', PageUp: '\uE00E', PageDown: '\uE00F', ' ': ' ',
};

// ---- what this process started, stopped when it ends (even by a signal) ----
const cleanups = new Set();
const cleanUp = () => {
  for (const f of cleanups) f();
  cleanups.clear();
};
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanUp();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

// ---- one X server for the process ----
let display;
// `fresh`: a new X server for the contexts started from now on (the old one keeps serving
// the contexts already on it).
function ensureDisplay({ fresh = false } = {}) {
  if (process.env.DISPLAY) return Promise.resolve(process.env.DISPLAY);
  if (fresh) display = undefined;
  display ??= new Promise((ok, fail) => {
    const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    x.stderr.on('data', (d) => { err += d; });
    x.stdio[3].on('data', (d) => {
      out += d;
      if (!out.includes('\n')) return;
      // The server lives as long as the tests, without keeping node alive itself.
      x.unref();
      x.stdio[3].unref?.();
      x.stderr.unref?.();
      ok(`:${out.trim()}`);
    });
    x.once('exit', (code) => fail(new Error(`Xvfb exited (${code}): ${err}`)));
    x.once('error', fail);
    cleanups.add(() => x.kill());
  });
  return display;
}

// ---- what the test server does for WebKit pages (see the top of this file) ----
const initScripts = new Map(); // cookie value → [source]
const openPages = new Set();

// A page error is an uncaught exception, as Playwright's pageerror is in the other
// engines. Not one: the ResizeObserver spec's notice that some resize notifications wait
// for the next frame, an ErrorEvent with no exception (e.error is null), which WebKitGTK
// raises under load (stop 26's CI: twice in reader-ui and a11y, from different tests).
const RECORDER = `(() => {
  if (window.__ledeRec) return;
  const rec = (window.__ledeRec = []);
  const notice = (e) => e.error == null && /^ResizeObserver loop/.test(e.message);
  addEventListener('error', (e) => { if (e instanceof ErrorEvent && !notice(e)) rec.push({ type: 'pageerror', message: e.message }); }, true);
  addEventListener('unhandledrejection', (e) => rec.push({ type: 'pageerror', message: String(e.reason?.message ?? e.reason) }));
  const error = console.error;
  console.error = function (...args) { rec.push({ type: 'console', level: 'error', text: args.map(String).join(' ') }); return error.apply(this, args); };
})();`;

function cookieOf(req) {
  return /(?:^|;\s*)lede-webkit=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
}

function installHooks() {
  if (testHooks.request) return;
  testHooks.request = (req, res, url) => {
    if (url.pathname === INIT_PATH) {
      const scripts = initScripts.get(cookieOf(req)) ?? [];
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end([RECORDER, ...scripts].join('\n;\n'));
      return true;
    }
    if (url.pathname === BLANK_PATH) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>blank</title><link rel="icon" href="data:,">');
      return true;
    }
    const full = `http://${req.headers.host}${req.url}`;
    for (const p of openPages) p.emit('request', { url: () => full });
    let finished = false;
    res.once('finish', () => {
      finished = true;
      for (const p of openPages) p.emit('response', { status: () => res.statusCode, url: () => full });
    });
    res.once('close', () => {
      if (!finished) for (const p of openPages) p.emit('requestfailed', { url: () => full, failure: () => ({ errorText: 'connection closed' }) });
    });
    return false;
  };
  testHooks.html = (body, req) => {
    const text = body.toString('utf8');
    const tag = `<script src="${INIT_PATH}?t=${Date.now()}"></script>`;
    const at = /<head(\s[^>]*)?>/i.exec(text);
    if (at) return Buffer.from(text.slice(0, at.index + at[0].length) + tag + text.slice(at.index + at[0].length));
    const doctype = /^\s*<!doctype[^>]*>/i.exec(text);
    const i = doctype ? doctype[0].length : 0;
    return Buffer.from(text.slice(0, i) + tag + text.slice(i));
  };
}

export async function launchWebKit({ onlyLocal = false, autoplay = false, media = true } = {}) {
  if (!existsSync(MINIBROWSER)) throw new Error(`MiniBrowser not found at ${MINIBROWSER}: install libwebkit2gtk-4.1-0 (scripts/setup.sh)`);
  installHooks();
  await ensureDisplay();
  return new WebKitBrowser({ onlyLocal, autoplay, media });
}

class WebKitBrowser {
  engine = 'webkit';
  #contexts = new Set();
  #version;

  constructor(options) {
    this.options = options;
  }

  async version() {
    if (!this.#version) {
      const c = await this.newContext();
      await c.close();
    }
    return this.#version;
  }

  async newContext(options = {}) {
    if (options.bypassCSP) throw new Unsupported('webkit', 'bypassCSP');
    const context = new WebKitContext(this, options);
    await context.start();
    this.#version ??= context.browserVersion;
    this.#contexts.add(context);
    context.onClose = () => this.#contexts.delete(context);
    return context;
  }

  async newPage(options = {}) {
    const context = await this.newContext(options);
    const page = await context.newPage();
    page.ownsContext = true;
    return page;
  }

  async close() {
    await Promise.all([...this.#contexts].map((c) => c.close()));
  }
}

class WebKitContext {
  #driver;
  #base;
  #session;
  #queue = Promise.resolve();
  #current = null;
  #spareWindow = null;
  #pages = new Set();
  #cookieOrigins = new Set();
  #closed = false;

  constructor(browser, { viewport = { width: 1280, height: 720 }, colorScheme = 'light', javaScriptEnabled = true } = {}) {
    this.browser = browser;
    this.viewport = viewport;
    this.key = randomUUID();
    this.args = ['--automation'];
    if (colorScheme === 'dark') this.args.push('--dark-mode');
    if (!javaScriptEnabled) this.args.push('--enable-javascript-markup=false');
    if (browser.options.autoplay) this.args.push('--media-playback-requires-user-gesture=false');
    if (!browser.options.media) this.args.push('--enable-media=false');
  }

  async start() {
    // Now and then a MiniBrowser never comes up and the session request hangs
    // (extension-walk.test.mjs: 4 of 9 WebKit runs while others built; a11y.test.mjs in 3
    // of 4 clean CI runs, where a fresh driver on the same X server hung too, both tries,
    // 25 + 60 s, and the file passed when run again in a new process, with a new X server).
    // A session comes up in about 0.5 s, and in at most 4.2 s in 75 sessions started three
    // at a time at load average 24, so each try waits 20 s, and every try after the first
    // starts on an X server of its own. Five tries, not three: a11y.test.mjs starts a
    // session per context, and 2 to 4 of them hung in each full run of stops 32 and 33
    // (each time the next try came up); three hangs in a row would fail the run.
    const tries = 5;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#start(20000, attempt > 1);
      } catch (e) {
        this.kill?.();
        if (attempt === tries) throw e;
        process.stderr.write(`WebKit: ${e.message}; trying again on a fresh X server\n`);
      }
    }
  }

  async #start(sessionTimeout, freshDisplay) {
    const port = await freePort();
    this.#driver = spawn(DRIVER, [`--port=${port}`], {
      env: { ...process.env, DISPLAY: await ensureDisplay({ fresh: freshDisplay }) },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    let stderr = '';
    this.#driver.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
    // The driver's process group: the driver, MiniBrowser and WebKit's processes.
    const kill = () => {
      cleanups.delete(kill);
      try {
        process.kill(-this.#driver.pid, 'SIGKILL');
      } catch {}
    };
    cleanups.add(kill);
    this.kill = kill;
    this.#base = `http://127.0.0.1:${port}`;
    await poll(async () => {
      if (this.#driver.exitCode !== null) throw new Error(`WebKitWebDriver exited: ${stderr}`);
      try {
        return (await fetch(`${this.#base}/status`)).ok;
      } catch {
        return false;
      }
    }, { timeout: 20000, what: 'WebKitWebDriver to listen' });
    const capabilities = {
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: this.args },
    };
    if (this.browser.options.onlyLocal) {
      // Everything but the loopback goes to a proxy that is not there and fails at once.
      capabilities.proxy = { proxyType: 'manual', httpProxy: '127.0.0.1:9', sslProxy: '127.0.0.1:9', noProxy: ['127.0.0.1', 'localhost'] };
    }
    let session;
    try {
      session = await this.#raw('POST', '/session', { capabilities: { alwaysMatch: capabilities } }, sessionTimeout);
    } catch (e) {
      // An aborted fetch rejects with a DOMException, which node:test prints as "{}".
      const why = e.name === 'TimeoutError' ? `no session within ${sessionTimeout} ms` : e.message;
      throw new Error(`WebKitWebDriver on port ${port}: ${why}${stderr ? `; its stderr: ${stderr.trim().slice(-600)}` : ''}`);
    }
    this.#session = session.sessionId;
    this.browserVersion = session.capabilities.browserVersion;
    // Long corpus runs happen inside one evaluate.
    await this.cmd('POST', '/timeouts', { script: 600000, pageLoad: 120000, implicit: 0 });
    this.#spareWindow = await this.cmd('GET', '/window');
    this.#current = this.#spareWindow;
  }

  async #raw(method, path, body, timeout) {
    const started = Date.now();
    const r = await fetch(this.#base + path, {
      method,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
      headers: body ? { 'content-type': 'application/json; charset=utf-8' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await r.json();
    if (process.env.LEDE_DEBUG) console.error(`webkit ${new Date().toISOString()} ${Date.now() - started} ms ${this.#base} ${method} ${path} ${JSON.stringify(body ?? '').slice(0, 120)} → ${JSON.stringify(json).slice(0, 120)}`);
    if (json.value?.error) {
      const e = new Error(`WebKit WebDriver ${method} ${path}: ${json.value.error}: ${json.value.message}`);
      e.webdriver = json.value.error;
      throw e;
    }
    return json.value;
  }

  /** One command of this session, in order; `handle` switches to that window first. */
  cmd(method, path, body, handle) {
    const run = async () => {
      if (this.#closed) throw new Error('the WebKit context is closed');
      if (handle && handle !== this.#current) {
        await this.#raw('POST', `/session/${this.#session}/window`, { handle });
        this.#current = handle;
      }
      return this.#raw(method, `/session/${this.#session}${path}`, body);
    };
    const next = this.#queue.then(run, run);
    this.#queue = next.catch(() => {});
    return next;
  }

  async newPage() {
    let handle = this.#spareWindow;
    this.#spareWindow = null;
    if (!handle) handle = (await this.cmd('POST', '/window/new', { type: 'window' })).handle;
    const page = new WebKitPage(this, handle);
    this.#pages.add(page);
    openPages.add(page);
    await page.setViewportSize(this.viewport);
    return page;
  }

  pages() {
    return [...this.#pages];
  }

  async recycle(handle) {
    await this.cmd('POST', '/url', { url: 'about:blank' }, handle);
    this.#spareWindow = handle;
  }

  forget(page) {
    this.#pages.delete(page);
    openPages.delete(page);
  }

  async addInitScript(script, arg) {
    const source = typeof script === 'function' ? `(${script})(${arg === undefined ? '' : JSON.stringify(arg)});` : String(script);
    initScripts.set(this.key, [...(initScripts.get(this.key) ?? []), source]);
  }

  /** Before the first page of an origin that needs this context's init scripts: the cookie. */
  async prepare(url, handle) {
    if (!initScripts.has(this.key)) return;
    const { origin, protocol } = new URL(url);
    if (!protocol.startsWith('http') || this.#cookieOrigins.has(origin)) return;
    await this.cmd('POST', '/url', { url: origin + BLANK_PATH }, handle);
    await this.cmd('POST', '/cookie', { cookie: { name: COOKIE, value: this.key, path: '/' } }, handle);
    this.#cookieOrigins.add(origin);
  }

  async close() {
    if (this.#closed) return;
    for (const p of this.#pages) this.forget(p);
    try {
      await this.cmd('DELETE', '');
    } catch {}
    this.#closed = true;
    initScripts.delete(this.key);
    this.kill();
    this.onClose?.();
  }
}

class WebKitPage {
  #url = 'about:blank';
  #listeners = {};
  #frame;
  #closed = false;

  constructor(context, handle) {
    this.ctx = context;
    this.handle = handle;
    this.engine = 'webkit';
    this.request = request;
    this.#frame = { url: () => this.#url };
    this.keyboard = {
      press: (combo) => this.#keys(splitCombo(combo)),
      type: (text) => this.#actions([{ type: 'key', id: 'keyboard', actions: [...text].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]) }]),
    };
  }

  #cmd(method, path, body) {
    return this.ctx.cmd(method, path, body, this.handle);
  }

  emit(event, value) {
    for (const l of this.#listeners[event] ?? []) l(value);
  }

  on(event, listener) {
    if (!['console', 'pageerror', 'request', 'response', 'requestfailed', 'framenavigated'].includes(event)) throw new Unsupported('webkit', `page.on('${event}')`);
    (this.#listeners[event] ??= []).push(listener);
    return this;
  }

  context() { return this.ctx; }
  isClosed() { return this.#closed; }
  url() { return this.#url; }
  mainFrame() { return this.#frame; }
  title() { return this.#cmd('GET', '/title'); }

  async goto(url) {
    await this.ctx.prepare(url, this.handle);
    await this.#cmd('POST', '/url', { url });
    this.#url = await this.#cmd('GET', '/url');
  }

  async reload() {
    await this.#cmd('POST', '/refresh', {});
    this.#url = await this.#cmd('GET', '/url');
  }

  async close() {
    if (this.#closed) return;
    this.#closed = true;
    this.ctx.forget(this);
    if (this.ownsContext) await this.ctx.close();
    else if (this.ctx.pages().length > 0) await this.#cmd('DELETE', '/window').catch(() => {});
    // Closing a session's last window would end the session: it waits, blank, for the next page.
    else await this.ctx.recycle(this.handle);
  }

  /** Runs `call` (an expression that calls the test's function) and hands back its value. */
  async #run(call, arg) {
    const script = `const done = arguments[arguments.length - 1];
const enc = (v) => JSON.stringify({ v }, (k, x) => (x === undefined ? { __ledeUndefined: 1 } : typeof x === 'number' && !Number.isFinite(x) ? { __ledeNumber: String(x) } : x));
const out = (r) => Object.assign(r, { rec: window.__ledeRec ? window.__ledeRec.splice(0) : [], href: location.href });
Promise.resolve().then(() => ${call}).then((v) => done(out({ ok: enc(v) })), (e) => done(out({ error: String((e && e.stack) || e), message: String((e && e.message) || e) })));`;
    const r = await this.#cmd('POST', '/execute/async', { script, args: [arg === undefined ? null : arg] });
    this.#events(r);
    if ('error' in r) {
      const e = new Error(`page.evaluate: ${r.message}`);
      e.stack = r.error;
      throw e;
    }
    return revive(JSON.parse(r.ok).v);
  }

  #events(r) {
    for (const e of r.rec ?? []) {
      if (e.type === 'pageerror') this.emit('pageerror', Object.assign(new Error(e.message), { name: 'Error' }));
      else this.emit('console', { type: () => e.level, text: () => e.text });
    }
    if (r.href && r.href !== this.#url) {
      this.#url = r.href;
      this.emit('framenavigated', this.#frame);
    }
  }

  evaluate(fn, arg) {
    if (typeof fn === 'string') {
      // A script (axe.min.js): run as the body of a function; its globals are set on window.
      return this.#run(`(function () { ${fn}\n })()`);
    }
    return this.#run(`(${fn}).call(null, arguments[0])`, arg);
  }

  evaluateRaw(body, arg) {
    return this.#run(`(function () { ${body}\n }).call(null, arguments[0])`, arg);
  }

  async waitForFunction(fn, arg, { timeout = 30000 } = {}) {
    // Truthiness is judged in the page, as Playwright does: a function or a node is truthy.
    const check = () => this.#run(`Promise.resolve((${fn}).call(null, arguments[0])).then((v) => !!v)`, arg);
    await poll(check, { timeout, what: `function ${String(fn).slice(0, 80)}` });
  }

  waitForTimeout(ms) { return sleep(ms); }

  async waitForURL(pattern, { timeout } = {}) {
    const test = (u) => (pattern instanceof RegExp ? pattern.test(u) : u === pattern);
    await poll(async () => test((this.#url = await this.#cmd('GET', '/url'))), { timeout, what: `URL ${pattern}` });
  }

  addInitScript(script, arg) {
    // Scripts are the context's: WebDriver has no per-page ones.
    return this.ctx.addInitScript(script, arg);
  }

  #actions(actions) {
    return this.#cmd('POST', '/actions', { actions });
  }

  async #keys(keys) {
    const codes = keys.map((k) => KEYS[k] ?? (k.length === 1 ? k : (() => { throw new Unsupported('webkit', `key ${k}`); })()));
    const down = codes.map((value) => ({ type: 'keyDown', value }));
    const up = [...codes].reverse().map((value) => ({ type: 'keyUp', value }));
    await this.#actions([{ type: 'key', id: 'keyboard', actions: [...down, ...up] }]);
  }

  clickAt(x, y) {
    return this.#actions([{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [{ type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }],
    }]);
  }

  async screenshot({ path, fullPage = false } = {}) {
    if (fullPage) throw new Unsupported('webkit', 'fullPage screenshots');
    return saveScreenshot(Buffer.from(await this.#cmd('GET', '/screenshot'), 'base64'), path);
  }

  /** The window is sized so that the page's viewport (innerWidth × innerHeight) is `size`. */
  async setViewportSize({ width, height }) {
    let rect = { width, height };
    for (let i = 0; i < 3; i++) {
      await this.#cmd('POST', '/window/rect', rect);
      const inner = await this.#cmd('POST', '/execute/sync', { script: 'return [innerWidth, innerHeight]', args: [] });
      if (inner[0] === width && inner[1] === height) return;
      rect = { width: rect.width + width - inner[0], height: rect.height + height - inner[1] };
    }
  }

  emulateMedia() { throw new Unsupported('webkit', 'emulateMedia (print, colour scheme or forced colours in a page)'); }
  pdf() { throw new Unsupported('webkit', 'page.pdf'); }

  locator(css, options) { return new Locator(this, []).locator(css, options); }
  getByTestId(id) { return this.locator(`[data-testid="${id}"]`); }
  getByRole(role, options = {}) { return new Locator(this, []).getByRole(role, options); }
  getAttribute(css, name) { return this.locator(css).getAttribute(name); }
}

/** Undoes the page side's encoding of undefined and non-finite numbers. */
function revive(v) {
  if (v === null || typeof v !== 'object') return v;
  if (v.__ledeUndefined === 1 && Object.keys(v).length === 1) return undefined;
  if (typeof v.__ledeNumber === 'string' && Object.keys(v).length === 1) return Number(v.__ledeNumber);
  if (Array.isArray(v)) return v.map(revive);
  for (const k of Object.keys(v)) v[k] = revive(v[k]);
  return v;
}
