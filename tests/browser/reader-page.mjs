// What the reader-interface tests (reader-ui.test.mjs, listen.test.mjs) share: the page
// they drive (tests/browser/fixtures/reader-ui.html under the strict CSP Lede promises to
// work under, with a server that answers Range requests for the audio), its articles,
// and the helpers that read what a user would see and hear.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, startServer, root } from './helpers.mjs';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; trusted-types 'none'";
export const SEED = '/web/articles/once-enemies.json';
export const ARABIC = '/tests/browser/fixtures/arabic.json';
export const RICH = '/tests/browser/fixtures/rich.json';
export const THEMES = ['auto', 'light', 'sepia', 'dark', 'contrast'];

let browser, server;

/** The file's browser (autoplay allowed) and server, for its tests. */
export function readerPage() {
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
  return { origin: () => server.origin };
}

/**
 * A fresh context (own localStorage) on the fixture page; `query` sets the reader's
 * attributes. Records console errors, failed requests and CSP violations. `noCSP`
 * serves the page without its policy (the server's switch works in every engine, where
 * Playwright's bypassCSP is Chromium's alone).
 */
export async function open(query = {}, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', init, noCSP = false } = {}) {
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

export const ready = (page) =>
  page.waitForFunction(() => {
    const el = document.querySelector('lede-reader');
    return el?.getAttribute('state') === 'ready' && !el.shadowRoot.querySelector('.lede-bar').hidden;
  });

// What has the focus, inside the shadow root too: its accessible label.
export const focused = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.getAttribute('aria-label') || el?.getAttribute('name') || el?.textContent.trim().slice(0, 40) || el?.id;
  });

// Tabs forward until `label` has the focus (at most `limit` presses).
export async function tabTo(page, label, limit = 20) {
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
export const look = (page) =>
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

export const events = (page, type) => page.evaluate((t) => events.filter((e) => e.type === t).map((e) => e.detail), type);

export function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => v / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

// A speechSynthesis that records what it is asked to say; the test ends utterances.
export function speechStub() {
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
