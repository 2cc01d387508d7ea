// <lede-reader src="article.json">: the article in a shadow root, with a toolbar, a
// reading-progress bar, a player (the article's audio, or read-aloud, ./lede-listen.js)
// and an overlay mode. Its lifecycle, attributes and events are here; the parts it is
// built from are in toolbar.js, overlay.js, progress.js and preferences.js. docs/reading.md
import { coreFor, needsHtml } from './core.js';
import { localizeDates } from './dates.js';
import { LedeError } from './errors.js';
import { loadReadableFont } from './fonts.js';
import { closeOverlay, keepFocusIn, openOverlay } from './overlay.js';
import { DEFAULTS, NUMBERS, SIZES, changes, isOurs, store, stored, valid } from './preferences.js';
import { showProgress } from './progress.js';
import { buildParts, showPreferences, toggle } from './toolbar.js';

async function fetchArticle(url, signal, peek) {
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
  // The first bytes, as soon as they arrive, to `peek` (a copy of the stream, dropped after).
  const first = response.clone().body?.getReader();
  first?.read().then(({ value }) => (first.cancel(), value && peek(value)), () => {});
  return new Uint8Array(await response.arrayBuffer());
}

// What a failed load says to the reader: the reason, without the article's own bytes,
// which a syntax error quotes ("last read: '…'", as much as was read of a long string).
const reason = (error) => String(error?.message ?? error).replace(/; last read: '[\s\S]*'(?=; expected|$)/, '');

// The preferences set as custom properties on the frame, and their unit.
const STYLED = { fontSize: ['--lede-font-size', 'px'], lineHeight: ['--lede-line-height', ''],
  letterSpacing: ['--lede-letter-spacing', 'em'], wordSpacing: ['--lede-word-spacing', 'em'] };

// Properties that reflect an attribute, and their value without it.
const PROPS = { src: '', base: '', item: '', mode: 'inline', ...DEFAULTS };
const attrName = (prop) => prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export class LedeReaderElement extends (globalThis.HTMLElement ?? class {}) {
  static get observedAttributes() {
    return ['src', 'base', 'item', 'mode', 'no-toolbar', 'hidden', ...Object.keys(DEFAULTS).map(attrName)];
  }

  /** Core options for this reader: { wasmURL, limits, keepSafeHtml, nofollow, item }. */
  options = {};

  #ui; // the shadow root's parts (toolbar.js)
  #root; // the shadow root
  #styled;
  #controller = null;
  #article = null;
  #started = false;
  #kept = false; // content prerendered in a declarative shadow root
  #announced = false; // lede-ready fired
  #open = false; // shown as an overlay
  #barSize = ''; // the bar's height, as --lede-bar-size last got it
  #saved = null; // what opening the overlay changed (overlay.js: openOverlay)
  #raf = 0;
  #player = null; // a promise of the Player (./lede-listen.js), loaded on first use
  #refocus = false; // Retry had the focus: give it to what the next load shows

  constructor() {
    super();
    // An article prerendered in a declarative shadow root (`lede site`) stays.
    const prerendered = this.shadowRoot?.querySelector('[part=content]');
    const kept = prerendered ? [...prerendered.childNodes] : [];
    this.#kept = kept.length > 0;
    const root = (this.#root = this.attachShadow({ mode: 'open' }));
    const u = (this.#ui = buildParts(root, kept));
    this.#styled = u.styled;
    // No flash of unstyled controls.
    this.#styled.then(() => {
      u.bar.hidden = false;
      this.#measure();
    });
    root.addEventListener('click', (e) => this.#click(e));
    root.addEventListener('change', (e) => this.#change(e));
    root.addEventListener('keydown', (e) => this.#key(e));
    // A control of the bar, which scrolls inside when it is taller than a third of the
    // window, is brought wholly into view (Firefox leaves it half out).
    u.bar.addEventListener('focusin', (e) => e.target.scrollIntoView({ block: 'nearest' }));
    // A picture that did not load: CSS shows its text instead of a box of its size.
    root.addEventListener('error', (e) => e.target.localName === 'img' && (e.target.dataset.broken = ''), true);
    u.frame.addEventListener('scroll', this.#onScroll, { passive: true });
    // The bar's height, for what scrolls into view to stop below it (lede.css). Set in the
    // next frame, not in the observer's callback: a style change there makes WebKit report
    // "ResizeObserver loop completed with undelivered notifications" to the page.
    new ResizeObserver(() => requestAnimationFrame(() => this.#sizeBar())).observe(u.bar);
  }

  #sizeBar() {
    const size = `${this.#ui.bar.offsetHeight}px`;
    if (size !== this.#barSize) this.#ui.frame.style.setProperty('--lede-bar-size', (this.#barSize = size));
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
    if (name === 'src' || name === 'base' || name === 'item') this.#load();
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
      const coreOptions = { wasmURL, htmlWasmURL: options.htmlWasmURL };
      let json = article;
      // The core this article needs, and only that one, so that a page showing HTML never
      // downloads lede.wasm as well (core.js, coreFor). It loads while the article is still
      // arriving when that choice is already made: by wasmURL, or by the article's first
      // bytes holding a "body" (needsHtml() of the whole article can only agree).
      let core = wasmURL ? coreFor(null, coreOptions) : null;
      if (src) {
        url = new URL(src, this.ownerDocument.baseURI).href;
        json = await fetchArticle(url, controller.signal, (bytes) => {
          if (!core && !needsHtml(bytes)) core = coreFor(bytes, coreOptions);
        });
      }
      core ??= coreFor(json, coreOptions);
      const base = url || (this.base ? new URL(this.base, this.ownerDocument.baseURI).href : undefined);
      const reader = await core;
      await this.#styled;
      if (controller.signal.aborted) return;
      // `item`: which article of a feed or list (index, id, url or slug).
      const item = this.getAttribute('item') ?? options.item;
      const fragment = await reader.renderAsync(json, { ...options, item, document: this.ownerDocument, base });
      if (controller.signal.aborted) return;
      this.#ui.content.replaceChildren(fragment);
      this.#setState('ready');
      this.#shown(url);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.#showError(error);
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
    u.progress.hidden = false;
    u.listen.hidden = !audio && !globalThis.speechSynthesis;
    u.listen.textContent = audio ? 'Listen' : 'Read aloud';
    u.player.dataset.kind = audio ? 'audio' : 'speech';
    this.#apply();
    this.#onResize();
    // Now, not a frame later: a contents link pressed at once stops below the bar too.
    this.#sizeBar();
    // Plain text for the event: typography's no-break spaces become spaces.
    const title = (u.content.querySelector('h1')?.textContent ?? '').replace(/\u00a0/g, ' ');
    if (this.#refocus) {
      this.#refocus = false;
      const h1 = u.content.querySelector('h1');
      if (h1) h1.tabIndex = -1;
      h1?.focus();
    }
    this.#fire('lede-loaded', { src, title });
    if (!this.#announced) {
      this.#announced = true;
      this.#fire('lede-ready', { src, title, prefs: this.prefs });
    }
  }

  #setState(state, message = '') {
    // Retry is about to go: the focus follows to what comes next.
    this.#refocus ||= this.#ui.status.contains(this.#root.activeElement);
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
    // Nothing read yet: no progress to show (a short status would read as 100 %).
    this.#ui.progress.hidden = true;
  }

  #showError(error) {
    this.#setState('error', 'This article could not be shown.');
    const doc = this.ownerDocument;
    const detail = doc.createElement('p');
    detail.setAttribute('part', 'error-detail');
    detail.textContent = reason(error);
    const retry = doc.createElement('button');
    retry.type = 'button';
    retry.textContent = 'Retry';
    retry.setAttribute('part', 'retry');
    retry.addEventListener('click', () => this.reload());
    this.#ui.status.append(detail, retry);
    if (this.#refocus) {
      this.#refocus = false;
      retry.focus();
    }
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
    for (const [name, [prop, unit]] of Object.entries(STYLED)) {
      if (p[name] != null) frame.style.setProperty(prop, p[name] + unit);
      else frame.style.removeProperty(prop);
    }
    if (p.font === 'readable') loadReadableFont(this.ownerDocument);
    showPreferences(u, p, this.#fontSize());
    frame.toggleAttribute('data-toolbar', this.toolbar);
    u.toolbar.hidden = !this.toolbar;
    if (!this.toolbar) {
      toggle(u.display, u.settings, false);
      if (!u.player.hidden) this.#closePlayer();
    }
    this.#sync();
  }

  #onStorage = (e) => {
    if (isOurs(e)) this.#apply();
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
    const doc = this.ownerDocument;
    if (open) {
      this.#saved = openOverlay(this.#ui, this);
      this.#styled.then(() => this.#open && this.#ui.close.focus());
    } else {
      closeOverlay(this.#ui, doc, this.#saved);
      this.#saved = null;
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
        toggle(u.display, u.settings);
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
        toggle(u.listen, u.player, true);
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
    // Escape closes the open panel that has the focus, or else the display panel, or
    // else the player; then the overlay.
    const panels = [[u.display, u.settings], [u.listen, u.player]].filter(([, p]) => !p.hidden);
    const [button, panel] = panels.find(([, p]) => p.contains(this.#root.activeElement)) ?? panels[0] ?? [];
    if (e.key === 'Escape' && panel) {
      if (panel === u.player) this.#closePlayer();
      else toggle(button, panel, false);
      button.focus();
    } else if (e.key === 'Escape' && this.#open) {
      this.close();
    } else if ((e.key === 'Tab' || e.code === 'Tab') && this.#open) {
      // Focus stays in the dialog. (WebKitGTK can give Shift+Tab as key "Unidentified",
      // code "Tab": its ISO_Left_Tab.)
      if (!keepFocusIn(this.#root, e)) return;
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
    showProgress(this.#ui, this.#open);
  }

  #closePlayer() {
    this.#player?.then((p) => p.stop());
    toggle(this.#ui.listen, this.#ui.player, false);
  }
}

// Lit-style declared properties: each reflects its attribute.
for (const [prop, fallback] of Object.entries(PROPS)) {
  const attr = attrName(prop);
  Object.defineProperty(LedeReaderElement.prototype, prop, {
    get() {
      const value = this.getAttribute(attr);
      return value == null ? fallback : prop in NUMBERS ? valid(prop, value) : value;
    },
    set(value) {
      if (value == null || value === '') this.removeAttribute(attr);
      else this.setAttribute(attr, value);
    },
    configurable: true,
  });
}
