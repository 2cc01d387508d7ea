// <lede-reader>'s reader interface, in each engine under the strict
// Content-Security-Policy Lede promises to work under: every toolbar control driven by
// the keyboard with its computed result checked, preferences kept across a reload,
// the table of contents, reading progress, overlay mode, the audio player, read-aloud
// through a stubbed speechSynthesis, print styles, mount() options, and axe-core with
// body-text contrast in every theme on three articles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine, launch, startServer, root } from './helpers.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; trusted-types 'none'";
const axeSource = readFileSync(`${root}/node_modules/axe-core/axe.min.js`, 'utf8');
const SEED = '/web/articles/once-enemies.json';
const ARABIC = '/tests/browser/fixtures/arabic.json';
const RICH = '/tests/browser/fixtures/rich.json';
const THEMES = ['auto', 'light', 'sepia', 'dark', 'contrast'];

let browser, server;

before(async () => {
  browser = await launch({ autoplay: true });
  // Media can only seek when the server answers Range requests: this route answers them
  // itself, with the page's CSP.
  const wav = readFileSync(`${root}/web/articles/media/once-enemies-listen.wav`);
  const ranged = (req, res) => {
    const [, from, to] = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '') ?? [];
    const headers = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'content-security-policy': CSP };
    if (from === undefined) return res.writeHead(200, { ...headers, 'content-length': wav.length }).end(wav);
    const end = to ? Math.min(Number(to), wav.length - 1) : wav.length - 1;
    res.writeHead(206, { ...headers, 'content-range': `bytes ${from}-${end}/${wav.length}`, 'content-length': end - from + 1 });
    res.end(wav.subarray(Number(from), end + 1));
  };
  server = await startServer({
    // ?csp=off: a page without the policy, for axe-core (see open()).
    headers: (path, url) => (url?.searchParams.get('csp') === 'off' ? {} : { 'content-security-policy': CSP }),
    routes: { '/web/articles/media/once-enemies-listen.wav': ranged },
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A fresh context (own localStorage) on the fixture page; `query` sets the reader's
 * attributes. Records console errors, failed requests and CSP violations. `noCSP`
 * serves the page without its policy (the server's switch works in every engine, where
 * Playwright's bypassCSP is Chromium's alone).
 */
async function open(query = {}, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', init, noCSP = false } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  if (init) await context.addInitScript(init);
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.goto(`${server.origin}/tests/browser/fixtures/reader-ui.html?${new URLSearchParams({ src: SEED, ...query, ...(noCSP ? { csp: 'off' } : {}) })}`);
  await ready(page);
  const clean = async () => {
    assert.deepEqual(await page.evaluate(() => violations), [], 'no CSP violation');
    assert.deepEqual(problems, []);
  };
  return { context, page, problems, clean, close: () => context.close() };
}

const ready = (page) =>
  page.waitForFunction(() => {
    const el = document.querySelector('lede-reader');
    return el?.getAttribute('state') === 'ready' && !el.shadowRoot.querySelector('.lede-bar').hidden;
  });

// What has the focus, inside the shadow root too: its accessible label.
const focused = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('aria-label') || el?.getAttribute('name') || el?.textContent.trim().slice(0, 40) || el?.id;
  });

// Tabs forward until `label` has the focus (at most `limit` presses).
async function tabTo(page, label, limit = 20) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    seen.push(now);
    if (now === label) return seen;
  }
  throw new Error(`Tab never reached ${label}: ${seen.join(' → ')}`);
}

// Computed facts about the reader.
const look = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const frame = root.querySelector('.lede-frame');
    const p = getComputedStyle(root.querySelector('.lede-body p'));
    return {
      theme: frame.dataset.theme,
      bg: getComputedStyle(frame).backgroundColor,
      fg: p.color,
      fontSize: parseFloat(p.fontSize),
      lineHeight: parseFloat(p.lineHeight),
      fontFamily: p.fontFamily,
      width: root.querySelector('.lede-body').getBoundingClientRect().width,
      size: root.querySelector('[part=settings] [role=group] span').textContent,
    };
  });

const events = (page, type) => page.evaluate((t) => events.filter((e) => e.type === t).map((e) => e.detail), type);

function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => v / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

test('every toolbar control works from the keyboard and changes what is computed', async () => {
  const { page, clean, close } = await open();
  const before = await look(page);
  assert.equal(before.theme, 'auto');
  assert.equal(before.fontSize, 18);

  // Tab order: the host's button, then the toolbar.
  assert.deepEqual(await tabTo(page, 'Aa Display'), ['Read in overlay', 'Aa Display']);
  await page.keyboard.press('Enter');
  const display = page.getByRole('button', { name: 'Aa Display' });
  assert.equal(await display.getAttribute('aria-expanded'), 'true');
  // Every control of the panel is reachable by Tab, in order, right after its button.
  assert.deepEqual(await tabTo(page, 'Reset'), ['Smaller', 'Larger', 'font', 'lineHeight', 'letterSpacing', 'wordSpacing', 'width', 'theme', 'Reset']);

  await page.keyboard.press('Shift+Tab'); // theme
  await page.keyboard.press('Shift+Tab'); // width
  await page.keyboard.press('Shift+Tab'); // wordSpacing
  await page.keyboard.press('Shift+Tab'); // letterSpacing
  await page.keyboard.press('Shift+Tab'); // lineHeight
  await page.keyboard.press('Shift+Tab'); // font
  await page.keyboard.press('Shift+Tab'); // Larger
  assert.equal(await focused(page), 'Larger');
  await page.keyboard.press('Enter');
  let now = await look(page);
  assert.equal(now.fontSize, 20);
  assert.equal(now.size, '20 px');
  await page.keyboard.press('Enter');
  assert.equal((await look(page)).fontSize, 22);
  await page.keyboard.press('Shift+Tab'); // Smaller
  await page.keyboard.press('Space');
  assert.equal((await look(page)).fontSize, 20);

  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // font
  assert.equal(await focused(page), 'font');
  await page.keyboard.press('ArrowDown'); // serif → sans
  now = await look(page);
  assert.match(now.fontFamily, /^system-ui/);

  await page.keyboard.press('Tab'); // line spacing
  await page.keyboard.press('ArrowDown'); // normal → loose
  assert.equal((await look(page)).lineHeight, 38); // 1.9 × 20px

  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // width
  const normalWidth = (await look(page)).width;
  await page.keyboard.press('ArrowUp'); // normal → narrow
  const narrowWidth = (await look(page)).width;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown'); // → wide
  const wideWidth = (await look(page)).width;
  assert.ok(narrowWidth < normalWidth && normalWidth < wideWidth, `${narrowWidth} < ${normalWidth} < ${wideWidth}`);

  await page.keyboard.press('Tab'); // theme
  const seen = {};
  for (const theme of ['light', 'sepia', 'dark', 'contrast']) {
    await page.keyboard.press('ArrowDown');
    seen[theme] = await look(page);
    assert.equal(seen[theme].theme, theme);
  }
  assert.equal(seen.light.bg, 'rgb(255, 254, 251)');
  assert.equal(seen.sepia.bg, 'rgb(245, 236, 215)');
  assert.equal(seen.sepia.fg, 'rgb(46, 36, 24)');
  assert.equal(seen.dark.bg, 'rgb(22, 23, 26)');
  assert.equal(seen.contrast.bg, 'rgb(0, 0, 0)');
  assert.equal(seen.contrast.fg, 'rgb(255, 255, 255)');

  // Each choice fired lede-change with the preference and the whole set.
  const changes = await events(page, 'lede-change');
  assert.deepEqual(changes.map((c) => [c.name, c.value]), [
    ['fontSize', 20], ['fontSize', 22], ['fontSize', 20], ['font', 'sans'], ['lineHeight', 1.9],
    ['width', 'narrow'], ['width', 'normal'], ['width', 'wide'],
    ['theme', 'light'], ['theme', 'sepia'], ['theme', 'dark'], ['theme', 'contrast'],
  ]);
  assert.deepEqual(changes.at(-1).prefs, { theme: 'contrast', font: 'sans', fontSize: 20, lineHeight: 1.9, letterSpacing: null, wordSpacing: null, width: 'wide' });

  // Reset brings back the embedder's defaults; Escape closes the panel onto its button.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  now = await look(page);
  assert.deepEqual([now.theme, now.fontSize], ['auto', 18]);
  assert.deepEqual((await events(page, 'lede-change')).at(-1), { name: null, value: null, prefs: { theme: 'auto', font: 'serif', fontSize: null, lineHeight: null, letterSpacing: null, wordSpacing: null, width: 'normal' } });
  await page.keyboard.press('Escape');
  assert.equal(await focused(page), 'Aa Display');
  assert.equal(await display.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('lede-reader [part=settings]').isVisible(), false);

  await clean();
  await close();
});

test('the reader\'s choices persist across a reload, win over attributes, and stay out of the host page', async () => {
  const { page, context, clean, close } = await open({ theme: 'light', 'font-size': '16' });
  assert.deepEqual(await page.evaluate(() => events.filter((e) => e.type === 'lede-ready').length), 1);
  let now = await look(page);
  assert.deepEqual([now.theme, now.fontSize], ['light', 16]);
  const host = () => page.evaluate(() => ({
    html: document.documentElement.getAttribute('style'),
    sheets: document.styleSheets.length,
    head: document.head.children.length,
    fonts: [...document.fonts].length,
  }));
  const hostBefore = await host();

  await page.getByRole('button', { name: 'Aa Display' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Theme' }).focus();
  await page.keyboard.press('ArrowDown'); // light → sepia
  await page.keyboard.press('ArrowDown'); // → dark
  await page.getByRole('button', { name: 'Larger' }).focus();
  await page.keyboard.press('Enter'); // 16 → 18
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('lede:prefs'))), { theme: 'dark', fontSize: 18 });
  assert.deepEqual(await host(), hostBefore, 'nothing was added to the host page');

  await page.reload();
  await ready(page);
  now = await look(page);
  assert.deepEqual([now.theme, now.bg, now.fontSize], ['dark', 'rgb(22, 23, 26)', 18]);
  assert.equal(await page.evaluate(() => document.querySelector('lede-reader').shadowRoot.querySelector('select[name=theme]').value), 'dark');
  // The stored choice wins over the attribute; the attribute stays the embedder's.
  await page.evaluate(() => { document.querySelector('lede-reader').theme = 'sepia'; });
  assert.equal((await look(page)).theme, 'dark');
  assert.equal(await page.evaluate(() => document.querySelector('lede-reader').getAttribute('theme')), 'sepia');
  // A second page of the same site sees the same choices, and follows changes live;
  // so does a second reader on the same page.
  const other = await context.newPage();
  await other.goto(`${server.origin}/tests/browser/fixtures/reader-ui.html?src=${RICH}`);
  await ready(other);
  assert.equal((await look(other)).theme, 'dark');
  const second = () => page.evaluate(() => document.querySelectorAll('lede-reader')[1].prefs.theme);
  await page.evaluate(async () => {
    const { mount } = await import('/web/lede.js');
    const target = document.body.appendChild(document.createElement('div'));
    await mount(target, { title: 'Second' }, { theme: 'light' });
  });
  assert.equal(await second(), 'dark');
  await page.evaluate(() => document.querySelector('lede-reader').resetPreferences());
  assert.equal((await look(page)).theme, 'sepia');
  assert.equal(await second(), 'light');
  assert.equal(await page.evaluate(() => document.querySelectorAll('lede-reader')[1].shadowRoot.querySelector('.lede-frame').dataset.theme), 'light');
  await other.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.querySelector('.lede-frame').dataset.theme === 'auto');
  await other.close();
  await clean();
  await close();
});

test('the readable face is Lede\'s own FontFace, loaded from the bundled woff2 only when chosen', async () => {
  const { page, clean, close } = await open();
  const fontRequests = [];
  page.on('request', (r) => r.url().includes('/fonts/') && fontRequests.push(new URL(r.url()).pathname));
  assert.equal(await page.evaluate(() => [...document.fonts].length), 0);
  await page.getByRole('button', { name: 'Aa Display' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Font' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // → readable
  const font = await page.evaluate(async () => {
    await document.fonts.ready;
    const root = document.querySelector('lede-reader').shadowRoot;
    return {
      family: getComputedStyle(root.querySelector('.lede-body p')).fontFamily,
      faces: [...document.fonts].map((f) => [f.family, f.weight, f.style]),
      loaded: [...document.fonts].filter((f) => f.status === 'loaded').length,
      check: document.fonts.check('16px "Lede Atkinson Hyperlegible"', 'a'),
    };
  });
  assert.match(font.family, /^"Lede Atkinson Hyperlegible"/);
  assert.equal(font.faces.length, 8);
  assert.ok(font.faces.every(([family]) => family === '"Lede Atkinson Hyperlegible"' || family === 'Lede Atkinson Hyperlegible'));
  assert.ok(font.loaded >= 1, 'a face loaded');
  assert.equal(font.check, true);
  assert.ok(fontRequests.includes('/web/fonts/atkinson-hyperlegible-latin-400-normal.woff2'), fontRequests.join());
  assert.ok(!fontRequests.some((u) => u.includes('latin-ext')), 'latin-ext is not needed for this English text');
  await clean();
  await close();
});

test('the table of contents jumps to its heading inside the shadow root: in view, focused, page URL unchanged', async () => {
  const { page, clean, close } = await open();
  const url = page.url();
  await page.locator('lede-reader .lede-toc a').nth(1).focus();
  await page.keyboard.press('Enter');
  const where = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const h = root.activeElement;
    const bar = root.querySelector('.lede-bar').getBoundingClientRect();
    const r = h.getBoundingClientRect();
    return { id: h.id, top: r.top, bottom: r.bottom, barBottom: bar.bottom, height: innerHeight };
  });
  assert.equal(where.id, 'lede-pakistan-china');
  assert.ok(where.top >= where.barBottom && where.bottom < where.height / 2, JSON.stringify(where));
  assert.equal(page.url(), url);
  // Tab goes on from the heading, not from the top of the page.
  const next = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const h = root.getElementById('lede-pakistan-china');
    return [...root.querySelectorAll('a[href], input, button')].find((el) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && el.checkVisibility());
  }).then(() => page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const h = root.getElementById('lede-pakistan-china');
    const el = [...root.querySelectorAll('a[href], input, button')].find((n) => h.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING && n.checkVisibility());
    return el.getAttribute('name') || el.textContent.trim().slice(0, 40);
  }));
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), next);
  await clean();
  await close();
});

test('the reading-progress bar follows the scroll, inline and in the overlay', async () => {
  const { page, clean, close } = await open();
  const progress = page.getByRole('progressbar', { name: 'Reading progress' });
  const value = async () => {
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    return Number(await progress.getAttribute('aria-valuenow'));
  };
  assert.equal(await value(), 0);
  await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
  const middle = await value();
  assert.ok(middle > 30 && middle < 70, `halfway down: ${middle}`);
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  assert.equal(await value(), 100);
  // The bar stays on screen (sticky) and its width follows the value.
  const bar = await progress.boundingBox();
  assert.ok(bar.y >= 0 && bar.y < 200);

  await page.evaluate(() => { scrollTo(0, 0); document.querySelector('lede-reader').mode = 'overlay'; });
  assert.equal(await value(), 0);
  await page.evaluate(() => { const f = document.querySelector('lede-reader').shadowRoot.querySelector('.lede-frame'); f.scrollTop = f.scrollHeight; });
  assert.equal(await value(), 100);
  await clean();
  await close();
});

test('overlay: covers the viewport, traps focus, Escape closes, focus returns, lede-close, the page is restored', async () => {
  const { page, clean, close } = await open({ mode: 'overlay', hidden: '' });
  const title = 'Once Enemies, US And Taliban Find Common Ground Against ISIS';
  const dialog = page.getByRole('dialog', { name: title.replace(/ (\S+)$/, '\u00a0$1') });
  assert.equal(await dialog.count(), 0);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Read in overlay');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.activeElement?.getAttribute('part') === 'close');
  assert.equal(await dialog.count(), 1);
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  const box = await dialog.boundingBox();
  assert.deepEqual(box, { x: 0, y: 0, width: 1280, height: 900 });
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflow), 'hidden');
  // Nothing of the host page is on top.
  assert.equal(await page.evaluate(() => document.elementFromPoint(20, 20).localName), 'lede-reader');

  // Shift+Tab from the first control goes round to the last; Tab from the last comes back.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'Listen');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'Aa Display');
  await page.keyboard.press('Shift+Tab');
  const last = await focused(page);
  assert.equal(await page.evaluate(() => document.activeElement.localName), 'lede-reader', `focus left the overlay for ${last}`);
  const lastLink = await page.evaluate(() => [...document.querySelector('lede-reader').shadowRoot.querySelectorAll('.lede-related a')].at(-1).textContent.trim().slice(0, 40));
  assert.equal(last, lastLink);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Aa Display');

  // The settings panel takes Escape first; then Escape closes the overlay.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  assert.equal(await dialog.count(), 1);
  await page.keyboard.press('Escape');
  assert.equal(await dialog.count(), 0);
  assert.equal(await focused(page), 'Read in overlay');
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('style')), null);
  assert.deepEqual(await events(page, 'lede-close'), [{}]);

  // Again, closed with the × button this time.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.activeElement?.getAttribute('part') === 'close');
  assert.equal(await page.getByRole('button', { name: 'Close', exact: true }).isVisible(), true);
  await page.keyboard.press('Enter');
  assert.equal(await dialog.count(), 0);
  assert.equal(await focused(page), 'Read in overlay');
  assert.equal((await events(page, 'lede-close')).length, 2);
  await clean();
  await close();
});

test('audio player: play/pause, seek, elapsed/total, speed and close, by keyboard', async () => {
  const { page, clean, close } = await open();
  const audio = (f) => page.evaluate(f, null);
  const state = () => audio(() => {
    const a = document.querySelector('lede-reader').shadowRoot.querySelector('audio');
    return { paused: a.paused, time: a.currentTime, rate: a.playbackRate };
  });
  const time = page.locator('lede-reader .lede-time');
  // The native player is replaced by the toolbar's; the <audio> stays.
  assert.equal(await page.locator('lede-reader .lede-listen').isVisible(), false);
  await page.getByRole('button', { name: 'Listen' }).focus();
  await page.keyboard.press('Enter');
  const player = page.getByRole('group', { name: 'Player' });
  assert.equal(await player.isVisible(), true);
  await page.waitForFunction(() => !document.querySelector('lede-reader').shadowRoot.querySelector('audio').paused);
  assert.equal(await page.getByRole('button', { name: 'Listen' }).getAttribute('aria-expanded'), 'true');

  await page.keyboard.press('Tab'); // Pause
  assert.equal(await focused(page), 'Pause');
  await page.keyboard.press('Enter');
  assert.equal((await state()).paused, true);
  assert.equal(await focused(page), 'Play');
  assert.match(await time.textContent(), /^0:0[0-3] \/ 0:03$/);

  await page.keyboard.press('Tab'); // seek
  assert.equal(await focused(page), 'Seek');
  // From the start: on a busy machine the audio may have played past 1 s before the pause.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await state()).time, 2);
  await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.querySelector('.lede-time').textContent === '0:02 / 0:03');
  assert.equal(await page.getByRole('slider', { name: 'Seek' }).getAttribute('aria-valuetext'), '0:02 of 0:03');
  await page.keyboard.press('Home');
  assert.equal((await state()).time, 0);
  await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.querySelector('.lede-time').textContent === '0:00 / 0:03');

  await page.keyboard.press('Tab'); // speed
  assert.equal(await focused(page), 'rate');
  await page.keyboard.press('ArrowDown');
  assert.equal((await state()).rate, 1.25);

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab'); // Play
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !document.querySelector('lede-reader').shadowRoot.querySelector('audio').paused);

  await tabTo(page, 'Close player', 4);
  await page.keyboard.press('Enter');
  assert.equal(await player.isVisible(), false);
  assert.equal((await state()).paused, true);
  assert.equal(await focused(page), 'Listen');
  await clean();
  await close();
});

// A speechSynthesis that records what it is asked to say; the test ends utterances.
function speechStub() {
  window.spoken = [];
  window.SpeechSynthesisUtterance = class extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, { text, lang: '', rate: 1, voice: null, onend: null, onerror: null, onboundary: null });
    }
  };
  const voices = [
    { name: 'Alice', lang: 'en-GB', voiceURI: 'alice', default: true, localService: true },
    { name: 'Bob', lang: 'en-US', voiceURI: 'bob', default: false, localService: true },
    { name: 'Layla', lang: 'ar-SA', voiceURI: 'layla', default: false, localService: true },
  ];
  const synth = Object.assign(new EventTarget(), {
    current: null,
    cancels: 0,
    getVoices: () => voices,
    speak(u) {
      spoken.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice?.name ?? null });
      this.current = u;
    },
    cancel() {
      this.cancels++;
      const u = this.current;
      this.current = null;
      u?.onend?.(new Event('end')); // as browsers do: the cancelled utterance ends
    },
    pause() {},
    resume() {},
  });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.endUtterance = () => {
    const u = synth.current;
    synth.current = null;
    u.onend?.(new Event('end'));
  };
  window.boundary = () => synth.current?.onboundary?.(Object.assign(new Event('boundary'), { name: 'word', charIndex: 4 }));
  window.highlighted = () => {
    const h = CSS.highlights.get('lede-speaking');
    return h ? [...h][0].toString().replace(/\s+/g, ' ') : null;
  };
}

test('read-aloud: sentence by sentence with the highlight following, pause/resume, skip, voice and rate', async () => {
  const { page, clean, close } = await open({ src: RICH }, { init: speechStub });
  const spoken = () => page.evaluate(() => spoken.map((s) => s.text));
  const highlighted = () => page.evaluate(() => highlighted());
  const listen = page.getByRole('button', { name: 'Read aloud' });
  assert.equal(await listen.isVisible(), true);
  await listen.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => spoken.length > 0); // lede-listen.js loads on first use
  const sentences = [
    'How to Read a Tide Table',
    'A week of tables, a short script and a chart: what the numbers mean before you take a boat out.',
    'Tide tables look like a wall of numbers, but they answer two plain questions: when will the water be high, and how high will it be?',
    'This article walks through one week of tables for the harbour, a small script that reads them, and the charts that come out of it.',
    'Reading the table',
  ];
  assert.deepEqual(await spoken(), sentences.slice(0, 1));
  assert.equal(await highlighted(), sentences[0]);
  assert.equal((await page.evaluate(() => spoken[0])).lang, 'en-GB');
  for (let i = 1; i < 5; i++) {
    await page.evaluate(() => boundary()); // word boundaries do not move the sentence
    assert.equal(await highlighted(), sentences[i - 1]);
    await page.evaluate(() => endUtterance());
    assert.equal((await spoken()).at(-1), sentences[i]);
    assert.equal(await highlighted(), sentences[i]);
  }
  // The article itself is untouched: the highlight is not markup.
  assert.equal(await page.locator('lede-reader mark').count(), 0);

  // Only voices for the article's language are offered; the controls in order.
  const voices = await page.evaluate(() => [...document.querySelector('lede-reader').shadowRoot.querySelectorAll('select[name=voice] option')].map((o) => o.textContent));
  assert.deepEqual(voices, ['Default', 'Alice (en-GB)', 'Bob (en-US)']);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Previous sentence');
  await page.keyboard.press('Enter');
  assert.equal((await spoken()).at(-1), sentences[3]);
  assert.equal(await highlighted(), sentences[3]);
  await page.keyboard.press('Tab'); // Pause
  assert.equal(await focused(page), 'Pause');
  const count = (await spoken()).length;
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'Play');
  assert.equal((await spoken()).length, count, 'pausing says nothing new');
  assert.equal(await page.evaluate(() => speechSynthesis.current), null, 'the voice stopped');
  assert.equal(await highlighted(), sentences[3], 'the place is kept');
  await page.keyboard.press('Enter'); // resume: the sentence again
  assert.equal((await spoken()).at(-1), sentences[3]);
  await page.keyboard.press('Tab'); // Next
  assert.equal(await focused(page), 'Next sentence');
  await page.keyboard.press('Enter');
  assert.equal((await spoken()).at(-1), sentences[4]);
  assert.equal(await highlighted(), sentences[4]);

  await page.keyboard.press('Tab'); // Speed
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab'); // Voice
  assert.equal(await focused(page), 'voice');
  await page.keyboard.press('ArrowDown');
  const last = await page.evaluate(() => spoken.at(-1));
  assert.deepEqual(last, { text: sentences[4], lang: 'en-GB', rate: 1.25, voice: 'Alice' });

  // To the end: the highlight goes and the button offers Play again.
  for (let i = 0; i < 100 && (await page.evaluate(() => speechSynthesis.current)); i++) await page.evaluate(() => endUtterance());
  assert.equal(await highlighted(), null);
  assert.equal(await page.getByRole('button', { name: 'Play', exact: true }).isVisible(), true);
  const all = await spoken();
  assert.ok(all.includes('Tell someone ashore when you expect to be back'), 'list items are read');
  assert.ok(all.includes('Two things stand out.'));
  assert.equal(all.at(-1), 'For the full tables, see the harbour office page.');
  assert.ok(!all.some((s) => s.includes('import csv')), 'code is not read aloud');

  await tabTo(page, 'Close player', 4);
  await page.keyboard.press('Enter');
  assert.equal(await page.getByRole('group', { name: 'Player' }).isVisible(), false);
  await clean();
  await close();
});

test('read-aloud reads Arabic in Arabic, and is not offered without speechSynthesis', async () => {
  const { page, clean, close } = await open({ src: ARABIC }, { init: speechStub });
  await page.getByRole('button', { name: 'Read aloud' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => spoken.length > 0);
  await page.evaluate(() => endUtterance());
  await page.evaluate(() => endUtterance());
  const said = await page.evaluate(() => spoken);
  assert.deepEqual(said.map((s) => s.text), [
    'مدن الواحات: كيف تعلّم الناس العيش مع القليل من الماء',
    'في قلب الصحراء بنى الناس على مدى قرون أنظمة دقيقة لجمع الماء وتوزيعه.',
    'هذه قصة الأفلاج، وما يمكن أن تعلّمنا إياه اليوم.',
  ]);
  assert.ok(said.every((s) => s.lang === 'ar'));
  assert.equal(await page.evaluate(() => highlighted()), said[2].text);
  assert.deepEqual(await page.evaluate(() => [...document.querySelector('lede-reader').shadowRoot.querySelectorAll('select[name=voice] option')].map((o) => o.textContent)), ['Default', 'Layla (ar-SA)']);
  await clean();
  await close();

  const none = await open({ src: RICH }, { init: () => { delete window.speechSynthesis; delete Window.prototype.speechSynthesis; } });
  assert.equal(await none.page.evaluate(() => 'speechSynthesis' in window), false);
  assert.equal(await none.page.locator('lede-reader [data-act=listen]').isVisible(), false);
  await none.clean();
  await none.close();
});

// WebKit's WebDriver can neither emulate print media nor print (README.md, "Engines").
const noPrint = engine === 'webkit' && 'WebKit\'s driver cannot emulate print media';
const noForcedColors = engine === 'webkit' && 'WebKit\'s driver cannot emulate forced colours';

test('print: no controls, link URLs shown, no breaks inside figures, tables or code, headings kept with what follows', { skip: noPrint }, async () => {
  const { page, clean, close } = await open({ src: RICH, theme: 'dark' });
  await page.emulateMedia({ media: 'print' });
  const print = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const q = (s) => root.querySelector(s);
    const link = [...root.querySelectorAll('.lede-body a')].find((a) => a.href.startsWith('https://'));
    return {
      bar: getComputedStyle(q('.lede-bar')).display,
      after: getComputedStyle(link, '::after').content,
      toc: getComputedStyle(q('.lede-toc a'), '::after').content,
      figure: getComputedStyle(q('.lede-body figure')).breakInside,
      pre: getComputedStyle(q('pre')).breakInside,
      table: getComputedStyle(q('table')).breakInside,
      h2: getComputedStyle(q('.lede-body h2')).breakAfter,
      fg: getComputedStyle(q('.lede-body p')).color,
    };
  });
  // Firefox gives the ::after content as written, attr() unresolved; the others resolve it.
  if (engine === 'firefox') assert.equal(print.after, '" (" attr(href) ")"');
  assert.deepEqual(print, {
    bar: 'none',
    after: engine === 'firefox' ? print.after : '" (https://harbour.example/tides)"',
    toc: 'none',
    figure: 'avoid',
    pre: 'avoid',
    table: 'avoid',
    h2: 'avoid',
    fg: 'rgb(0, 0, 0)', // dark theme or not, ink on paper
  });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
  await clean();
  await close();
});

test('attributes, properties and mount() options; no-toolbar keeps the native audio player', async () => {
  const { page, clean, close } = await open();
  const result = await page.evaluate(async () => {
    const { mount } = await import('/web/lede.js');
    const json = await (await fetch('/web/articles/once-enemies.json')).text();
    const target = document.createElement('section');
    document.body.append(target);
    const fired = [];
    target.addEventListener('lede-ready', (e) => fired.push(e.detail.prefs));
    await mount(target, json, { base: '/web/articles/once-enemies.json', theme: 'sepia', fontSize: 22, font: 'sans', width: 'narrow', toolbar: false });
    const el = target.querySelector('lede-reader');
    const root = el.shadowRoot;
    const p = getComputedStyle(root.querySelector('.lede-body p'));
    const out = {
      attrs: ['theme', 'font-size', 'font', 'width', 'no-toolbar'].map((a) => el.getAttribute(a)),
      props: [el.theme, el.fontSize, el.font, el.width, el.mode, el.toolbar],
      fontSize: p.fontSize,
      theme: root.querySelector('.lede-frame').dataset.theme,
      toolbar: root.querySelector('[part=toolbar]').checkVisibility(),
      nativeAudio: root.querySelector('.lede-listen audio').checkVisibility(),
      audio: root.querySelector('audio').src,
      ready: fired,
    };
    // The embedder restyles one theme through ::part(), and moves the sticky bar down.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('lede-reader::part(theme-sepia) { --lede-accent: rgb(1, 2, 3) } lede-reader { --lede-sticky-top: 40px }');
    document.adoptedStyleSheets = [sheet];
    out.parts = [getComputedStyle(root.querySelector('.lede-toc a')).color, getComputedStyle(root.querySelector('[part=bar]')).top, root.querySelector('.lede-frame').part.value];
    document.adoptedStyleSheets = [];
    el.toolbar = true;
    el.fontSize = 24;
    el.width = null;
    out.after = [el.hasAttribute('no-toolbar'), root.querySelector('[part=toolbar]').checkVisibility(), root.querySelector('.lede-listen').checkVisibility(),
      getComputedStyle(root.querySelector('.lede-body p')).fontSize, el.getAttribute('font-size'), el.hasAttribute('width'), el.width];
    target.remove();
    return out;
  });
  assert.deepEqual(result.attrs, ['sepia', '22', 'sans', 'narrow', '']);
  assert.deepEqual(result.props, ['sepia', 22, 'sans', 'narrow', 'inline', false]);
  assert.equal(result.fontSize, '22px');
  assert.equal(result.theme, 'sepia');
  assert.equal(result.toolbar, false);
  assert.equal(result.nativeAudio, true);
  assert.equal(result.audio, `${server.origin}/web/articles/media/once-enemies-listen.wav`);
  assert.deepEqual(result.ready, [{ theme: 'sepia', font: 'sans', fontSize: 22, lineHeight: null, letterSpacing: null, wordSpacing: null, width: 'narrow' }]);
  assert.deepEqual(result.after, [false, true, false, '24px', '24', false, 'normal']);
  assert.deepEqual(result.parts, ['rgb(1, 2, 3)', '40px', 'frame theme-sepia']);
  await clean();
  await close();
});

test('axe-core: no violation in any theme on the seed, a long Arabic RTL article and tables, code and images; body text ≥ 7:1', async () => {
  const report = [];
  const contrasts = {};
  // The system's dark scheme is a page of its own, for 'auto' (every engine can set it
  // when a context starts; WebKit's driver cannot switch it in a page).
  for (const [name, src, scheme, themes] of [['seed', SEED, 'light', THEMES], ['arabic', ARABIC, 'light', THEMES], ['rich', RICH, 'light', THEMES],
    ['seed', SEED, 'dark', ['auto']], ['arabic', ARABIC, 'dark', ['auto']], ['rich', RICH, 'dark', ['auto']]]) {
    // axe adds <style> elements of its own, which the CSP would refuse.
    const { page, clean, close } = await open({ src }, { init: speechStub, noCSP: true, colorScheme: scheme });
    await page.evaluate(axeSource);
    for (const theme of themes) {
      await page.evaluate((t) => {
        const el = document.querySelector('lede-reader');
        el.theme = t;
        // The panels open, so that their controls are checked too.
        for (const act of ['display', 'listen']) {
          const b = el.shadowRoot.querySelector(`[data-act=${act}]`);
          if (b.getAttribute('aria-expanded') === 'false') b.click();
        }
      }, theme);
      const { violations, colors } = await page.evaluate(async () => {
        const root = document.querySelector('lede-reader').shadowRoot;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return {
          violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          colors: [getComputedStyle(root.querySelector('.lede-frame')).backgroundColor, getComputedStyle(root.querySelector('.lede-body p')).color],
        };
      });
      const label = `${name} ${theme}${theme === 'auto' ? `/${scheme}` : ''}`;
      report.push([label, violations]);
      const ratio = contrast(...colors);
      contrasts[label] = ratio.toFixed(2);
      assert.ok(ratio >= 7, `${label}: body text contrast ${ratio.toFixed(2)}`);
    }
    await clean();
    await close();
  }
  if (process.env.LEDE_REPORT) console.log(JSON.stringify({ report, contrasts }, null, 1));
  assert.deepEqual(report.filter(([, v]) => v.length), []);
});

test('forced colours: system colours in every theme', { skip: noForcedColors }, async () => {
  // Under forced colours Chromium forces every computed colour, whoever set it, so
  // comparing colours proves nothing. What only Lede's forced-colors block sets is
  // checked instead: its system-colour custom properties, and the progress bar, which
  // opts out of forcing (forced-color-adjust: none) to stay visible as Highlight.
  const { page, clean, close } = await open({}, { colorScheme: 'light' });
  await page.emulateMedia({ forcedColors: 'active' });
  for (const theme of THEMES) {
    const seen = await page.evaluate((t) => {
      const el = document.querySelector('lede-reader');
      el.setAttribute('theme', t);
      const root = el.shadowRoot;
      const frame = getComputedStyle(root.querySelector('.lede-frame'));
      const probe = document.createElement('div');
      probe.style.setProperty('forced-color-adjust', 'none');
      probe.style.setProperty('background-color', 'Highlight');
      document.body.append(probe);
      const highlight = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return {
        theme: root.querySelector('.lede-frame').dataset.theme,
        vars: ['--lede-bg', '--lede-fg', '--lede-accent'].map((v) => frame.getPropertyValue(v).trim()),
        bar: getComputedStyle(root.querySelector('.lede-progress > div')).backgroundColor === highlight,
      };
    }, theme);
    assert.deepEqual(seen, { theme, vars: ['Canvas', 'CanvasText', 'LinkText'], bar: true }, theme);
  }
  await page.emulateMedia({ forcedColors: 'none' });
  const normal = await page.evaluate(() =>
    getComputedStyle(document.querySelector('lede-reader').shadowRoot.querySelector('.lede-frame')).getPropertyValue('--lede-bg').trim());
  assert.notEqual(normal, 'Canvas', 'without forced colours the theme keeps its own colours');
  await clean();
  await close();
});

test('an RTL article mirrors: list indents, quote rule and the progress bar start on the right; dates in its language', async () => {
  const { page, clean, close } = await open({ src: ARABIC }, { viewport: { width: 900, height: 700 } });
  const rtl = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const css = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      dir: css('.lede').direction,
      list: [css('.lede-body ul, .lede-body ol').paddingRight, css('.lede-body ul, .lede-body ol').paddingLeft],
      quote: [css('.lede-body blockquote').borderRightWidth, css('.lede-body blockquote').borderLeftWidth],
      origin: parseFloat(css('.lede-progress > div').transformOrigin),
      width: root.querySelector('.lede-progress').getBoundingClientRect().width,
      date: root.querySelector('time.lede-published').textContent,
    };
  });
  assert.equal(rtl.dir, 'rtl');
  assert.ok(parseFloat(rtl.list[0]) > 0 && parseFloat(rtl.list[1]) === 0, `list padding right/left ${rtl.list}`);
  assert.ok(parseFloat(rtl.quote[0]) > 0 && parseFloat(rtl.quote[1]) === 0, `quote border right/left ${rtl.quote}`);
  assert.ok(Math.abs(rtl.origin - rtl.width) < 1, `progress grows from the right: origin ${rtl.origin} of ${rtl.width}`);
  // 2026-01-20 in Arabic, from Intl: the weekday and month are Arabic words, not "Tuesday, Jan".
  assert.match(rtl.date, /الثلاثاء/);
  assert.doesNotMatch(rtl.date, /Tuesday|Jan/);
  await clean();
  await close();
  const ltr = await open({}, { viewport: { width: 900, height: 700 } });
  const seed = await ltr.page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    return {
      origin: parseFloat(getComputedStyle(root.querySelector('.lede-progress > div')).transformOrigin),
      date: root.querySelector('time.lede-published').textContent,
    };
  });
  assert.deepEqual(seed, { origin: 0, date: 'Tuesday, Jan 27, 2026' }, 'an English article keeps the core\'s dateline');
  await ltr.clean();
  await ltr.close();
});

test('wide tables and code scroll inside their own box at phone width, and take the keyboard focus', async () => {
  const { page, clean, close } = await open({ src: RICH }, { viewport: { width: 360, height: 740 } });
  const boxes = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const box = (el) => ({ scrolls: el.scrollWidth > el.clientWidth, tabIndex: el.tabIndex, overflowX: getComputedStyle(el).overflowX });
    return {
      // clientWidth, not innerWidth: Firefox counts its scroll bar in innerWidth.
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: box(root.querySelector('.lede-body table').closest('.lede-scroll')),
      pre: box(root.querySelector('.lede-body pre')),
    };
  });
  assert.equal(boxes.page, 0, 'the page itself never scrolls sideways');
  for (const name of ['table', 'pre']) {
    assert.equal(boxes[name].scrolls, true, `${name} is wider than its box`);
    assert.equal(boxes[name].tabIndex, 0, `${name} box is focusable`);
    assert.equal(boxes[name].overflowX, 'auto', `${name} box scrolls`);
  }
  await clean();
  await close();
});

test('a line spacing the menu does not offer is shown as a custom choice', async () => {
  const { page, clean, close } = await open({ 'line-height': '1.5' });
  const select = await page.evaluate(() => {
    const s = document.querySelector('lede-reader').shadowRoot.querySelector('select[name=lineHeight]');
    return { value: s.value, index: s.selectedIndex, text: s.selectedOptions[0]?.textContent };
  });
  assert.equal(select.value, '1.5');
  assert.ok(select.index >= 0);
  assert.match(select.text, /1\.5/);
  await clean();
  await close();
});

test('lede-listen.js, like lede.js, has no innerHTML, eval or new Function', () => {
  // The commented source and the minified file that ships (see element.test.mjs).
  const source = readFileSync(`${root}/src/web/lede-listen.js`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const shipped = readFileSync(`${root}/web/lede-listen.js`, 'utf8');
  for (const js of [source, shipped]) {
    assert.match(js, /createElement/);
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function|setAttribute\(\s*['"`]style/);
  }
});
