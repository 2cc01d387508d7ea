// Shared by the extension's tests and extension-screenshot.mjs: a browser with the
// unpacked extension (build/extension/) installed, ways to press its toolbar button (or
// shortcut) and keys, and a look into the reader, which is reader.html in a frame over the
// page (an extension page: the tests read it through the driver, the page cannot).
//   launchExtension()         Debian's Chromium through playwright-core
//   launchFirefoxExtension()  Debian's firefox-esr through puppeteer-core (WebDriver BiDi),
//                             headful under its own Xvfb, keys and clicks sent by xdotool
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, root } from './helpers.mjs';
import { FIREFOX_ONLY_LOCAL } from './drivers/common.mjs';

// LEDE_EXTENSION_DIR: another build of the extension (an older one, to see a test fail on it).
export const extensionDir = process.env.LEDE_EXTENSION_DIR ?? join(root, 'build', 'extension');
export const corpus = join(root, '..', 'shared', 'corpora', 'readability-pages');

/** Builds build/extension/ if it is missing (./build-wasm.sh test builds it first). */
export function ensureExtension() {
  if (existsSync(join(extensionDir, 'manifest.json'))) return;
  if (!existsSync(join(root, 'web', 'dist', 'lede-html.wasm'))) {
    throw new Error('build/extension/ and web/dist/ are missing: run ./build-wasm.sh extension first');
  }
  execFileSync(process.execPath, [join(root, 'scripts', 'build-extension.mjs')], { stdio: 'inherit' });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/**
 * What the reader's frame shows, evaluated in the frame: { kind: 'loading' | 'reader' |
 * 'notice', state, title, text, notice, theme, dir, lang, focus }.
 */
export function readerView() {
  const reader = document.querySelector('lede-reader');
  const box = document.querySelector('.notice');
  const focused = (root) => (root.activeElement?.textContent ?? '').trim();
  if (box) return { kind: 'notice', state: 'ready', notice: box.textContent, focus: focused(document), title: '', text: '' };
  if (!reader) return { kind: 'loading', state: '' };
  const r = reader.shadowRoot;
  const frame = r.querySelector('[part~=frame]');
  const article = r.querySelector('[part=content] .lede');
  return {
    kind: 'reader',
    state: reader.getAttribute('state') ?? '', // 'ready' once the article is shown
    title: r.querySelector('[part=content] h1')?.textContent ?? '',
    text: r.querySelector('[part=content]')?.textContent ?? '',
    notice: '',
    theme: frame?.dataset.theme ?? '',
    dir: article?.closest('[dir]')?.getAttribute('dir') ?? '',
    lang: article?.closest('[lang]')?.getAttribute('lang') ?? '',
    focus: document.activeElement === reader ? focused(r) : '',
  };
}

// The methods both browsers share, given { page, frame() → the reader's frame or null }.
function common(ext) {
  return {
    /** Runs fn(args) in the reader's frame; null when there is none. */
    async inReader(fn, args = null) {
      const frame = await ext.frame();
      return frame ? frame.evaluate(fn, args).catch(() => null) : null;
    },
    /** What the reader shows (readerView), or null when no frame is there. */
    async view() {
      const frame = await ext.frame();
      return frame ? frame.evaluate(readerView).catch(() => null) : null;
    },
    /** Waits until the frame shows `kind` ('reader' or 'notice'), ready; resolves to the view. */
    async waitFor(kind) {
      for (let i = 0; i < 200; i++) {
        const v = await this.view();
        if (v?.kind === kind && v.state === 'ready') return v;
        await sleep(50);
      }
      throw new Error(`no ${kind} appeared in the reader's frame`);
    },
    /** Waits until the frame is gone; false if it stays. */
    async waitClosed() {
      // Up to 5 s: closing is a message to the service worker and back to the tab.
      for (let i = 0; i < 200; i++) {
        if (!(await ext.frame()) && !(await ext.page.evaluate(() => !!document.querySelector('iframe[title="Lede Reader"]')))) return true;
        await sleep(25);
      }
      return false;
    },
    /** The centre of an element of the reader (a CSS selector in its shadow root, or the frame's document). */
    async centreOf(selector) {
      return this.inReader((selector) => {
        const reader = document.querySelector('lede-reader');
        const el = reader?.shadowRoot.querySelector(selector) ?? document.querySelector(selector);
        const r = el?.getBoundingClientRect();
        return r && r.width > 0 && r.height > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
      }, selector);
    },
  };
}

export async function launchExtension() {
  ensureExtension();
  const profile = mkdtempSync(join(tmpdir(), 'lede-extension-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      ...chromiumArgs,
      // Lets the test press the toolbar button (CDP Extensions.triggerAction).
      '--enable-unsafe-extension-debugging',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(sw.url()).host;
  const browserSession = await context.browser().newBrowserCDPSession();
  const page = context.pages()[0] ?? (await context.newPage());
  const pageSession = await context.newCDPSession(page);
  const tabId = async () => (await sw.evaluate(() => chrome.tabs.query({})))[0].id;
  const readerURL = `chrome-extension://${extensionId}/reader.html`;

  // Input through the DevTools protocol waits for the renderer to acknowledge each event.
  // When the event closes the reader, the frame that received it is removed, and
  // Chromium sometimes never sends that acknowledgement (seen here for about one Escape
  // in four): the event was delivered, only the answer is lost. So such input is sent
  // here without waiting more than a second for it.
  const send = (method, params) =>
    Promise.race([pageSession.send(method, params), sleep(1000)]);
  const KEYS = { Escape: 27, Enter: 13 };

  const ext = {
    context,
    sw,
    page,
    extensionId,
    tabId,
    engine: 'chromium',
    frame: async () => page.frames().find((f) => f.url().startsWith(readerURL)) ?? null,
    /** Presses the toolbar button on the tab (also what grants activeTab for its origin). */
    async press() {
      const { targetInfos } = await browserSession.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      await browserSession.send('Extensions.triggerAction', { id: extensionId, targetId: targetInfos[0].targetId });
    },
    /** The service worker's ledeOpen(tabId): what the button does, awaited. */
    async open() {
      const id = await tabId();
      return sw.evaluate((id) => globalThis.ledeOpen(id), id);
    },
    /** A key that may close the reader (Escape, Enter on ×): see `send` above. */
    async key(name) {
      const code = KEYS[name];
      await send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: name, code: name, windowsVirtualKeyCode: code });
      if (name === 'Enter') await send('Input.dispatchKeyEvent', { type: 'char', key: name, code: name, text: '\r', windowsVirtualKeyCode: code });
      await send('Input.dispatchKeyEvent', { type: 'keyUp', key: name, code: name, windowsVirtualKeyCode: code });
    },
    /** Any other key, as playwright types it (`Shift+Tab`, `a`). */
    type: (combo) => page.keyboard.press(combo),
    /** A real mouse click at page coordinates (the reader's frame covers the viewport from 0, 0). */
    async click({ x, y }) {
      for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
        await send('Input.dispatchMouseEvent', { type, x, y, button: type === 'mouseMoved' ? 'none' : 'left', clickCount: 1 });
      }
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return Object.assign(ext, common(ext));
}

// ---- Firefox

// An X server of its own for a headful Firefox: the extension's shortcut is a key of the
// browser window, which only a real key press reaches (puppeteer's keys go to the page).
async function startXvfb() {
  const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    server.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    server.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): is the xvfb package installed? (scripts/setup.sh)`)));
    server.on('error', reject);
  });
  return { display, stop: () => server.kill() };
}

// playwright's key names → X keysyms.
const XKEYS = { Shift: 'shift', Control: 'ctrl', Alt: 'alt', Enter: 'Return', ArrowDown: 'Down', ArrowUp: 'Up', PageDown: 'Next', PageUp: 'Prior', Space: 'space' };

/**
 * Debian's firefox-esr with the extension installed (puppeteer's installExtension, over
 * WebDriver BiDi), headful on its own Xvfb. press() sends Alt+Shift+R, the extension's
 * shortcut, as a real key press with xdotool; key() and click() are real input too.
 */
export async function launchFirefoxExtension() {
  ensureExtension();
  const { default: puppeteer } = await import('puppeteer-core');
  const xvfb = await startXvfb();
  const env = { ...process.env, DISPLAY: xvfb.display };
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
      headless: false,
      env,
      defaultViewport: { width: 1200, height: 800 },
      // The corpus pages' own hosts fail at once and nothing leaves the machine.
      extraPrefsFirefox: { ...FIREFOX_ONLY_LOCAL },
    });
  } catch (e) {
    xvfb.stop();
    throw e;
  }
  const extensionId = await browser.installExtension(extensionDir);
  const page = (await browser.pages())[0];
  const xdotool = (...args) => execFileSync('xdotool', args, { env }).toString().trim();
  const window = xdotool('search', '--sync', '--onlyvisible', '--pid', String(browser.process().pid), '--class', 'firefox').split('\n').at(-1);
  // Keys go where the browser's focus is. A new window has it in the address bar; a
  // person who opened a page has it in the page: F6 moves it there, as it would.
  const toPage = async () => {
    xdotool('windowfocus', '--sync', window);
    if (!(await page.evaluate(() => document.hasFocus()))) xdotool('key', 'F6');
  };
  const isReader = async (f) => {
    if (f === page.mainFrame() || f.detached) return false;
    try {
      const url = await f.evaluate(() => location.href);
      return url.startsWith('moz-extension:') && url.includes('/reader.html');
    } catch {
      return false; // a frame that went away meanwhile
    }
  };

  const ext = {
    browser,
    page,
    extensionId,
    engine: 'firefox',
    async frame() {
      // The frames' URLs as puppeteer reports them can lag; ask each frame.
      for (const f of page.frames()) if (await isReader(f)) return f;
      return null;
    },
    /** After page.goto: the browser's focus into the page, as after a person's navigation. */
    focusPage: toPage,
    /** Alt+Shift+R, the extension's shortcut (the manifest's _execute_action): the button. */
    async press() {
      xdotool('windowfocus', '--sync', window);
      xdotool('key', '--clearmodifiers', 'alt+shift+r');
    },
    async key(name) {
      xdotool('key', '--clearmodifiers', XKEYS[name] ?? name);
    },
    /** `Shift+Tab`, `a`, `ArrowDown`: playwright's names. */
    async type(combo) {
      xdotool('key', '--clearmodifiers', combo.split('+').map((k) => XKEYS[k] ?? k).join('+'));
    },
    /** A real click at page coordinates: the page's content starts at mozInnerScreenX/Y. */
    async click({ x, y }) {
      const [left, top] = await page.evaluate(() => [mozInnerScreenX, mozInnerScreenY]);
      xdotool('mousemove', '--sync', String(Math.round(left + x)), String(Math.round(top + y)));
      xdotool('click', '1');
    },
    async close() {
      await browser.close().catch(() => {});
      xvfb.stop();
    },
  };
  return Object.assign(ext, common(ext));
}

/**
 * Routes for scripts/serve.mjs: /media/tone.wav (a tenth of a second of silence) and
 * /media/harbour.png (a 1×1 image), each request recorded in `log` as { path, referer }.
 * fixtures/extension/media-article.html shows both.
 */
export function mediaRoutes(log) {
  const samples = 800;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  const route = (body, type) => (req, res) => {
    log.push({ path: new URL(req.url, 'http://x').pathname, referer: req.headers.referer });
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' }).end(body);
  };
  return { '/media/tone.wav': route(wav, 'audio/wav'), '/media/harbour.png': route(png, 'image/png') };
}

/** Text as the tests compare it: typography undone, spaces collapsed. */
export function normalise(s) {
  return s
    .normalize('NFC')
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/-+/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}
