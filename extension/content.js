// Lede Reader's content script: a classic script, injected (after Readability-readerable.js
// and Readability.js) into the tab when the toolbar button or the shortcut is pressed. It
// runs in the extension's isolated world: the page's scripts cannot reach it, and it keeps
// the page as it was. It extracts the article from a copy of the page, has the background
// render it (wasm cannot run here on pages whose CSP lacks 'wasm-unsafe-eval'), builds the
// DOM from the op-stream with lede.js and shows it as an overlay in a closed shadow root.
// docs/extension.md
(() => {
  if (globalThis.ledeContent) return;

  const READER_TAG = 'lede-reader-extension';
  const NOTICE_TAG = 'lede-reader-notice';
  let lede = null; // lede.js, imported once per page
  let prefs = {}; // the reader's choices, as kept in chrome.storage.sync
  let current = null; // what is shown: { kind: 'reader' | 'notice', host, root, close() }
  let opening = null;

  // ---- the article

  // Readability reads (and changes) a copy of the page, never the page itself.
  function extract(force) {
    const copy = document.cloneNode(true);
    if (!force && !isProbablyReaderable(copy)) return null;
    const found = new Readability(copy).parse();
    if (!found?.content || !found.textContent?.trim()) return null;
    const article = {
      title: found.title?.trim() || document.title.trim() || location.hostname,
      url: location.href,
      content: found.content,
    };
    for (const key of ['byline', 'siteName', 'publishedTime', 'lang', 'dir']) {
      if (found[key]) article[key] = found[key];
    }
    // Without a description Readability's excerpt is the first paragraph: not a dek.
    const excerpt = found.excerpt?.trim();
    if (excerpt && !found.textContent.replace(/\s+/g, ' ').includes(excerpt.replace(/\s+/g, ' '))) {
      article.excerpt = excerpt;
    }
    return article;
  }

  async function loadLede() {
    if (lede) return lede;
    const module = await import(chrome.runtime.getURL('lede.js'));
    const saved = (await chrome.storage.sync.get('prefs')).prefs;
    prefs = saved && typeof saved === 'object' ? saved : {};
    // The element keeps choices in chrome.storage, not in the page's localStorage: they
    // follow the reader to other sites, and the page's storage is left alone.
    const changed = module.setPreferenceStore({
      get: () => prefs,
      set(next) {
        prefs = next;
        // Over sync's write quota the choice still holds on this page.
        chrome.storage.sync.set({ prefs: next }).catch(() => {});
      },
    });
    chrome.storage.onChanged.addListener((changes, area) => {
      if (area !== 'sync' || !changes.prefs) return;
      prefs = changes.prefs.newValue ?? {};
      changed(); // a choice made in another tab
    });
    lede = module;
    return lede;
  }

  // ---- what is shown

  // The host carries no styles of the page: the reader's look is its shadow root's.
  function makeHost(tag) {
    const host = document.createElement(tag);
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'block', 'important');
    host.style.setProperty('color-scheme', 'light dark', 'important');
    // The page's own keyboard shortcuts do not fire while the reader has the keyboard.
    for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
    return host;
  }

  async function showReader(article) {
    const message = await chrome.runtime.sendMessage({ type: 'lede:render', article });
    if (!message || message.error) {
      showNotice(`Lede could not show this page: ${message?.error ?? 'no answer from the extension'}`, false);
      return 'error';
    }
    const { buildFragment, attachReader } = await loadLede();
    const fragment = buildFragment(message, { document, base: location.href });
    const host = makeHost(READER_TAG);
    const root = attachReader(host, { mode: 'closed' });
    host.setAttribute('mode', 'overlay');
    document.documentElement.append(host);
    // The extension's lede.css counts in --lede-rem, not in the page's rem (a page may set
    // html { font-size: 62.5% }): the browser's own size, which `all: initial` gives the host.
    host.style.setProperty('--lede-rem', getComputedStyle(host).fontSize);
    host.connectedCallback();
    const close = () => {
      if (current?.host !== host) return;
      current = null;
      host.remove();
      host.disconnectedCallback(); // gives back the page's scrolling and the focus
    };
    host.addEventListener('lede-close', close);
    current = { kind: 'reader', host, root, close };
    await host.showFragment(fragment);
    return 'article';
  }

  const NOTICE_CSS = `
    .box { position: fixed; inset-block-start: 1rem; inset-inline-end: 1rem; z-index: 2147483000;
      box-sizing: border-box; max-inline-size: min(24rem, calc(100vw - 2rem)); padding: 1rem 1.25rem;
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
      color: #1b1b1b; background: #fffefb; border: 1px solid #c8c5bc; border-radius: 8px;
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.18); color-scheme: light; }
    p { margin: 0 0 0.75rem; }
    .row { display: flex; gap: 0.5rem; flex-wrap: wrap; justify-content: flex-end; }
    button { font: inherit; padding: 0.35rem 0.9rem; border-radius: 6px; cursor: pointer;
      color: inherit; background: #f3f1ea; border: 1px solid #8d8a80; }
    button:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
    @media (prefers-color-scheme: dark) {
      .box { color: #e8e6e1; background: #16171a; border-color: #5b5e66; color-scheme: dark; }
      button { background: #222429; border-color: #8b8e96; }
      button:focus-visible { outline-color: #8cc2ff; }
    }
    @media (forced-colors: active) { .box { border-color: CanvasText; } }`;

  // "This page doesn't look like an article": a small dialog, not an empty reader.
  function showNotice(text, offerTry) {
    const host = makeHost(NOTICE_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet(); // adopted sheets are not subject to the page's CSP
    sheet.replaceSync(NOTICE_CSS);
    root.adoptedStyleSheets = [sheet];
    const el = (tag, props, ...children) => {
      const node = document.createElement(tag);
      for (const [k, v] of Object.entries(props)) node.setAttribute(k, v);
      node.append(...children);
      return node;
    };
    const tryIt = offerTry && el('button', { type: 'button', 'data-act': 'try' }, 'Try anyway');
    const closeButton = el('button', { type: 'button', 'data-act': 'close' }, 'Close');
    const box = el('div', { class: 'box', role: 'alertdialog', 'aria-labelledby': 'lede-notice', 'aria-label': 'Lede' },
      el('p', { id: 'lede-notice' }, text),
      el('div', { class: 'row' }, ...(tryIt ? [tryIt] : []), closeButton));
    root.append(box);
    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    const close = () => {
      if (current?.host !== host) return;
      current = null;
      const inside = root.activeElement !== null;
      host.remove();
      if (inside && focused?.isConnected) focused.focus();
    };
    root.addEventListener('click', (e) => {
      const act = e.target.closest?.('[data-act]')?.dataset.act;
      if (act === 'close') close();
      if (act === 'try') {
        close();
        open(true);
      }
    });
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    });
    document.documentElement.append(host);
    current = { kind: 'notice', host, root, close };
    (tryIt || closeButton).focus();
    return 'not-article';
  }

  // ---- the entry point: the toolbar button, the shortcut, ledeOpen(tabId)

  async function open(force = false) {
    if (opening) return opening;
    if (current) {
      const shown = current.host.isConnected;
      current.close(); // also when the page removed the host: give back what it changed
      // Pressed again: the reader closes (the button toggles it).
      if (shown) return 'closed';
    }
    opening = (async () => {
      let article;
      try {
        article = extract(force);
      } catch (e) {
        return showNotice(`Lede could not read this page: ${e.message}`, false);
      }
      if (!article) {
        return showNotice(
          force ? 'Lede found no article text on this page.' : 'This page doesn\u2019t look like an article.',
          !force,
        );
      }
      return showReader(article);
    })();
    try {
      return await opening;
    } catch (e) {
      current?.close();
      showNotice(`Lede could not show this page: ${e.message}`, false);
      return 'error';
    } finally {
      opening = null;
    }
  }

  globalThis.ledeContent = {
    open,
    /** What is shown now, for the extension's own scripts (the tests read it): { kind, host, root }. */
    get current() {
      return current;
    },
  };
})();
