// Lede Reader's content script: a classic script, injected (after Readability-readerable.js
// and Readability.js) into the tab when the toolbar button or the shortcut is pressed. It
// runs in the extension's isolated world and keeps the page as it was. It extracts the
// article from a copy of the page and puts the extension's reader.html over the page in
// an iframe, which renders and shows it. Nothing of the reader is in the page's document:
// the page's scripts cannot read or change it, and its events and keys stay in the frame.
// docs/extension.md
(() => {
  if (globalThis.ledeContent) return;

  const READER_URL = chrome.runtime.getURL('reader.html');
  // The frame asks for the article within a second or two; one that never does (the
  // page removed it, the browser refused the load) leaves no reader, and the button says so.
  const FRAME_TIMEOUT = 10000;
  const ANSWERS = { article: 'article', notice: 'not-article', error: 'error', blocked: 'blocked', closed: 'closed' };

  let current = null; // the frame shown: a session, see start()
  let opening = null;

  // ---- the article

  // Readability reads (and changes) a copy of the page, never the page itself. Its
  // result element (the `serializer` hands it over instead of its markup) is walked
  // into HTML events (walk.js): the background's core reads them as the body, so the
  // article is never serialised and parsed again. `content` stays, empty: it is what
  // says "Readability" to the core.
  function extract(copy) {
    const found = new Readability(copy, { serializer: (el) => el }).parse();
    if (!found?.content || !found.textContent?.trim()) return null;
    const article = {
      title: found.title?.trim() || document.title.trim() || location.hostname,
      url: location.href,
      content: '',
    };
    for (const key of ['byline', 'siteName', 'publishedTime', 'lang', 'dir']) {
      if (found[key]) article[key] = found[key];
    }
    // Without a description Readability's excerpt is the first paragraph: not a dek.
    const excerpt = found.excerpt?.trim();
    if (excerpt && !found.textContent.replace(/\s+/g, ' ').includes(excerpt.replace(/\s+/g, ' '))) {
      article.excerpt = excerpt;
    }
    return { article, events: ledeWalk(found.content) };
  }

  const notice = (text, offerTry = false) => ({ type: 'notice', text, offerTry });

  // What the frame is to show: the article, or why there is none.
  function read(force) {
    try {
      const copy = document.cloneNode(true);
      if (!force && !isProbablyReaderable(copy)) return notice('This page doesn\u2019t look like an article.', true);
      const found = extract(copy);
      if (found) return { type: 'article', ...found, base: location.href };
      return notice(force ? 'Lede found no article text on this page.' : 'This page doesn\u2019t look like an article.', !force);
    } catch (e) {
      return notice(`Lede could not read this page: ${e.message}`);
    }
  }

  // ---- the frame

  // The frame's box: the whole viewport for the reader, the top corner for a notice. The
  // inline `all: initial !important` keeps the page's styles off it.
  function layout(session, kind, height = 0) {
    session.kind = kind;
    const s = session.frame.style;
    const set = (name, value) => s.setProperty(name, value, 'important');
    s.cssText = '';
    set('all', 'initial');
    set('display', 'block');
    set('position', 'fixed');
    set('z-index', '2147483647');
    set('border', '0');
    set('color-scheme', 'light dark'); // as reader.html's: else the frame gets an opaque backdrop
    if (kind === 'reader') {
      set('inset', '0');
      set('width', '100%');
      set('height', '100%');
    } else {
      set('top', '0');
      set('right', '0');
      set('width', 'min(448px, 100%)');
      set('height', `${height}px`);
    }
    // Our own change, which the observer below must not take for the page's.
    session.observer.takeRecords();
    scrollLock(session, kind === 'reader');
  }

  // The page does not scroll behind the reader; <html>'s style attribute comes back
  // byte for byte when it closes.
  function scrollLock(session, on) {
    const html = document.documentElement;
    if (on && !session.locked) {
      session.locked = [html.style.overflow];
      html.style.overflow = 'hidden';
      session.locked.push(html.style.cssText);
    } else if (!on && session.locked) {
      const [overflow, ours] = session.locked;
      session.locked = null;
      const untouched = html.style.cssText === ours; // the page left <html>'s style alone
      html.style.overflow = overflow;
      // Read first: Chromium writes a changed inline style into the attribute lazily,
      // and would write style="" back after the removal.
      const now = html.getAttribute('style');
      const style = session.style;
      if (untouched ? now !== style : style === null && now === '') {
        if (style === null) html.removeAttribute('style');
        else html.setAttribute('style', style);
      }
    }
  }

  // A name for the frame, in its URL's fragment: the content script answers the frame
  // that asks with it.
  function name() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // Puts reader.html over the page, laid out for a notice (which fits its box) until
  // there is an article. session.deliver(message) gives it what to show; session.answer
  // resolves to what the tab then shows (ANSWERS).
  function start() {
    const frame = document.createElement('iframe');
    const session = { frame, name: name(), frameId: null, kind: 'notice', locked: null };
    session.message = new Promise((resolve) => (session.deliver = resolve));
    session.answer = new Promise((resolve) => (session.shown = (kind) => resolve(ANSWERS[kind])));
    session.close = () => close(session);
    frame.src = `${READER_URL}#${session.name}`;
    frame.setAttribute('title', 'Lede Reader');

    // What the page could do to the frame's element: set its src (another document in
    // the frame), its style, hidden... Any change the content script did not make closes
    // the reader, and so does taking it out of the document: the page may remove the
    // reader, never change what it shows.
    session.observer = new MutationObserver(() => close(session));
    session.observer.observe(frame, { attributes: true });
    session.removal = new MutationObserver(() => frame.parentNode !== document.documentElement && close(session));
    session.removal.observe(document.documentElement, { childList: true });
    // A second load is another document in the frame: the page navigated it.
    let loads = 0;
    frame.addEventListener('load', (e) => e.isTrusted && ++loads > 1 && close(session));

    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    session.focused = focused;
    session.style = document.documentElement.getAttribute('style');
    session.timer = setTimeout(() => {
      session.shown('blocked');
      close(session);
    }, FRAME_TIMEOUT);
    layout(session, 'notice');
    current = session;
    document.documentElement.append(frame);
    session.removal.takeRecords();
    return session;
  }

  function close(session) {
    if (current !== session) return;
    current = null;
    clearTimeout(session.timer);
    session.observer.disconnect();
    session.removal.disconnect();
    const { frame } = session;
    const active = document.activeElement;
    const inside = active === frame || active === document.body || !active;
    frame.remove();
    scrollLock(session, false);
    if (inside && session.focused?.isConnected) session.focused.focus({ preventScroll: true });
    session.shown('closed');
  }

  // The frame's requests, relayed by the background: { name, frameId, request }. The
  // page knows the name (it is in the frame's src) but cannot send extension messages;
  // a copy of reader.html it makes itself could ask, and would show the same article,
  // out of the page's reach. Only the first frame to ask is answered after that (in
  // Firefox, only the frame of our <iframe>).
  chrome.runtime.onMessage.addListener((message, sender, reply) => {
    const session = current;
    if (message?.type !== 'lede:frame' || sender.id !== chrome.runtime.id || message.name !== session?.name) return false;
    const own = chrome.runtime.getFrameId?.(session.frame) ?? session.frameId ?? message.frameId;
    if (message.frameId !== own) return false;
    session.frameId = own;
    const { request } = message;
    switch (request.type) {
      case 'hello': // what to show, once Readability has run
        clearTimeout(session.timer);
        session.message.then(reply);
        return true;
      case 'shown':
        // The frame has given the focus to its first control itself (focusing the
        // <iframe> from here would take it away again, in Chromium).
        if (request.kind !== 'article') layout(session, 'notice', request.height);
        session.shown(request.kind);
        break;
      case 'size':
        if (session.kind === 'notice') layout(session, 'notice', request.height);
        break;
      case 'close':
        close(session);
        break;
      case 'try': {
        const next = read(true);
        if (next.type === 'article') layout(session, 'reader');
        reply(next);
        break;
      }
    }
    return false;
  });

  // ---- the entry point: the toolbar button, the shortcut, ledeOpen(tabId)

  async function open() {
    if (opening) return opening;
    if (current) {
      current.close();
      return 'closed'; // pressed again: the reader closes (the button toggles it)
    }
    opening = (async () => {
      // The frame loads, and compiles Lede's wasm, while Readability works here.
      const session = start();
      await new Promise((ok) => setTimeout(ok)); // the frame's navigation starts first
      if (current !== session) return 'closed';
      const message = read(false);
      if (message.type === 'article') layout(session, 'reader');
      session.deliver(message);
      return session.answer;
    })();
    try {
      return await opening;
    } finally {
      opening = null;
    }
  }

  globalThis.ledeContent = { open };
})();
