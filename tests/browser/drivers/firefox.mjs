// Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi, wrapped in
// the subset of Playwright's API the tests use. No geckodriver, no browser download.
// What BiDi lacks here (prefers-color-scheme, forced colours, print media, scripting off)
// is set on the tab's BrowsingContext from Firefox's privileged (chrome) scope, which
// puppeteer reaches with --remote-allow-system-access: the same switches Firefox's own
// devtools use for these simulations.
import puppeteer from 'puppeteer-core';
import { Locator } from './locator.mjs';
import { FIREFOX_ONLY_LOCAL, Unsupported, poll, request, sleep, splitCombo } from './common.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

export async function launchFirefox({ onlyLocal = false, autoplay = false } = {}) {
  const prefs = {};
  if (onlyLocal) Object.assign(prefs, FIREFOX_ONLY_LOCAL);
  if (autoplay) Object.assign(prefs, { 'media.autoplay.default': 0, 'media.autoplay.blocking_policy': 0 });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: prefs,
  });
  return new FirefoxBrowser(browser);
}

class FirefoxBrowser {
  engine = 'firefox';
  #chromeContext;

  constructor(browser) {
    /** The puppeteer Browser, for what only Firefox does (installExtension). */
    this.raw = browser;
  }

  async version() {
    return (await this.raw.version()).replace(/^firefox\//, '');
  }

  /** Installs an unpacked extension folder (BiDi webExtension.install); returns its id. */
  installExtension(path) {
    return this.raw.installExtension(path);
  }

  async newContext(options = {}) {
    if (options.bypassCSP) throw new Unsupported('firefox', 'bypassCSP');
    return new FirefoxContext(this, await this.raw.createBrowserContext(), options);
  }

  async newPage(options = {}) {
    const context = await this.newContext(options);
    const page = await context.newPage();
    page.ownsContext = true;
    return page;
  }

  close() {
    return this.raw.close();
  }

  /** Runs `expression` in Firefox's chrome scope (see the top of this file). */
  async chrome(expression) {
    const conn = this.raw.connection;
    if (!this.#chromeContext) {
      const tree = await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      this.#chromeContext = tree.result.contexts[0].context;
    }
    const r = await conn.send('script.evaluate', { expression, target: { context: this.#chromeContext }, awaitPromise: true });
    if (r.result.type === 'exception') throw new Error(`chrome scope: ${r.result.exceptionDetails.text}`);
    return r.result.result?.value;
  }

  /** Sets fields of the BrowsingContext behind a tab (a BiDi context id). */
  setOverrides(contextId, fields) {
    return this.chrome(`(() => {
      const ids = ['NavigableManager', 'TabManager'];
      let bc;
      for (const name of ids) {
        try {
          bc = ChromeUtils.importESModule('chrome://remote/content/shared/' + name + '.sys.mjs')[name].getBrowsingContextById(${JSON.stringify(contextId)});
          if (bc) break;
        } catch {}
      }
      if (!bc) throw new Error('no BrowsingContext for ' + ${JSON.stringify(contextId)});
      Object.assign(bc, ${JSON.stringify(fields)});
      return true;
    })()`);
  }
}

class FirefoxContext {
  #initScripts = [];
  #pages = new Set();

  constructor(browser, raw, { viewport = { width: 1280, height: 720 }, colorScheme, javaScriptEnabled = true } = {}) {
    this.browser = browser;
    this.raw = raw;
    this.viewport = viewport;
    this.overrides = {};
    if (colorScheme) this.overrides.prefersColorSchemeOverride = colorScheme === 'no-preference' ? 'none' : colorScheme;
    if (!javaScriptEnabled) this.overrides.allowJavascript = false;
  }

  async newPage() {
    // A window each: a background tab gets no animation frames.
    const raw = await this.raw.newPage({ type: 'window' });
    const page = new FirefoxPage(this, raw);
    await raw.setViewport(this.viewport);
    if (Object.keys(this.overrides).length) await this.browser.setOverrides(raw.mainFrame()._id, this.overrides);
    for (const script of this.#initScripts) await raw.evaluateOnNewDocument(script);
    this.#pages.add(page);
    return page;
  }

  pages() {
    return [...this.#pages].filter((p) => !p.isClosed());
  }

  async addInitScript(script) {
    this.#initScripts.push(script);
    for (const p of this.pages()) await p.raw.evaluateOnNewDocument(script);
  }

  close() {
    return this.raw.close();
  }
}

class FirefoxPage {
  #frames = new WeakMap();

  constructor(context, raw) {
    this.ctx = context;
    this.raw = raw;
    this.engine = 'firefox';
    this.request = request;
    this.keyboard = {
      press: async (combo) => {
        const keys = splitCombo(combo);
        for (const k of keys.slice(0, -1)) await raw.keyboard.down(k);
        await raw.keyboard.press(keys.at(-1));
        for (const k of keys.slice(0, -1).reverse()) await raw.keyboard.up(k);
      },
      type: (text) => raw.keyboard.type(text),
    };
  }

  context() { return this.ctx; }
  isClosed() { return this.raw.isClosed(); }
  url() { return this.raw.url(); }
  title() { return this.raw.title(); }
  async goto(url) { await this.raw.goto(url, { waitUntil: 'load' }); }
  async reload() { await this.raw.reload({ waitUntil: 'load' }); }
  async close() {
    await this.raw.close();
    if (this.ownsContext) await this.ctx.close();
  }

  evaluate(fn, arg) {
    if (typeof fn === 'string') return this.raw.evaluate(fn);
    // BiDi hands back class instances (an utterance, an EventTarget) as undefined; Playwright
    // copies their own properties. So does this, in the page, before the value crosses.
    // eslint-disable-next-line no-new-func -- node side: puppeteer sends its source to the page
    const call = new Function('arg', `return Promise.resolve((${fn}).call(null, arg)).then(${plain})`);
    return this.#realm().evaluate(call, arg);
  }

  evaluateRaw(body, arg) {
    // eslint-disable-next-line no-new-func -- node side: puppeteer sends its source to the page
    return this.#realm().evaluate(new Function(body), arg);
  }

  // With scripting off, a call into the page's own realm can hang for good right after a
  // navigation: the driver's scripts then run in a sandbox, which sees the same DOM.
  #realm() {
    return this.ctx.overrides.allowJavascript === false ? this.raw.mainFrame().isolatedRealm() : this.raw.mainFrame();
  }

  async waitForFunction(fn, arg, { timeout = 30000 } = {}) {
    await this.raw.waitForFunction(fn, { timeout, polling: 50 }, arg);
  }

  waitForTimeout(ms) { return sleep(ms); }

  waitForURL(pattern, { timeout } = {}) {
    const test = (u) => (pattern instanceof RegExp ? pattern.test(u) : u === pattern);
    return poll(() => test(this.raw.url()), { timeout, what: `URL ${pattern}` });
  }

  addInitScript(script) { return this.raw.evaluateOnNewDocument(script); }

  async screenshot({ path, fullPage = false } = {}) {
    return this.raw.screenshot({ path, fullPage });
  }

  async setViewportSize(size) { await this.raw.setViewport(size); }

  async emulateMedia({ media, colorScheme, forcedColors } = {}) {
    const fields = {};
    if (media !== undefined) fields.mediumOverride = media === 'print' ? 'print' : '';
    if (colorScheme !== undefined) fields.prefersColorSchemeOverride = colorScheme === null || colorScheme === 'no-preference' ? 'none' : colorScheme;
    if (forcedColors !== undefined) fields.forcedColorsOverride = forcedColors === 'active' ? 'active' : 'none';
    await this.ctx.browser.setOverrides(this.raw.mainFrame()._id, fields);
  }

  pdf(options) { return this.raw.pdf(options); }

  locator(css, options) { return new Locator(this, []).locator(css, options); }
  getByTestId(id) { return this.locator(`[data-testid="${id}"]`); }
  getByRole(role, options = {}) { return new Locator(this, []).getByRole(role, options); }
  getAttribute(css, name) { return this.locator(css).getAttribute(name); }
  clickAt(x, y) { return this.raw.mouse.click(x, y); }

  mainFrame() { return this.#frame(this.raw.mainFrame()); }

  #frame(raw) {
    if (!this.#frames.has(raw)) this.#frames.set(raw, { url: () => raw.url() });
    return this.#frames.get(raw);
  }

  /** Playwright's event names and shapes, from puppeteer's. */
  on(event, listener) {
    const map = {
      console: (m) => listener({ type: () => m.type(), text: () => m.text() }),
      pageerror: (e) => listener(e),
      request: (r) => listener({ url: () => r.url() }),
      response: (r) => listener({ status: () => r.status(), url: () => r.url() }),
      requestfailed: (r) => listener({ url: () => r.url(), failure: () => r.failure() }),
      framenavigated: (f) => listener(this.#frame(f)),
    };
    if (!map[event]) throw new Unsupported('firefox', `page.on('${event}')`);
    this.raw.on(event, map[event]);
    return this;
  }
}

/** Runs in the page: a value as Playwright would hand it back (own properties of objects). */
function plain(value) {
  const seen = new Set();
  const copy = (v) => {
    if (v === null || typeof v !== 'object' || v instanceof Date || v instanceof RegExp) return v;
    if (v instanceof Node) return {};
    if (seen.has(v)) return undefined;
    seen.add(v);
    if (Array.isArray(v)) return v.map(copy);
    const out = {};
    for (const k of Object.keys(v)) out[k] = copy(v[k]);
    return out;
  };
  return copy(value);
}
