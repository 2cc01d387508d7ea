// Shared by extension.test.mjs and extension-screenshot.mjs: Debian's Chromium with the
// unpacked extension (build/extension/) loaded, its service worker, and ways to press the
// toolbar button and to look into the overlay's closed shadow root.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, root } from './helpers.mjs';

export const extensionDir = join(root, 'build', 'extension');
export const corpus = join(root, '..', 'shared', 'corpora', 'readability-pages');

/** Builds build/extension/ if it is missing (./build-wasm.sh test builds it first). */
export function ensureExtension() {
  if (existsSync(join(extensionDir, 'manifest.json'))) return;
  if (!existsSync(join(root, 'web', 'dist', 'lede-html.wasm'))) {
    throw new Error('build/extension/ and web/dist/ are missing: run ./build-wasm.sh extension first');
  }
  execFileSync(process.execPath, [join(root, 'scripts', 'build-extension.mjs')], { stdio: 'inherit' });
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
  const tabId = async () => (await sw.evaluate(() => chrome.tabs.query({})))[0].id;

  return {
    context,
    sw,
    page,
    extensionId,
    tabId,
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
    /**
     * Runs fn(current, args) in the content script's world (current: ledeContent.current)
     * and resolves to its result. fn must stand alone: it is sent as source, compiled in
     * the service worker through the DevTools protocol and injected by executeScript.
     */
    async inOverlay(fn, args = null) {
      const id = await tabId();
      const [{ result }] = await sw.evaluate(`chrome.scripting.executeScript({
        target: { tabId: ${id} },
        args: [${JSON.stringify(args)}],
        func: (args) => (${fn.toString()})(globalThis.ledeContent?.current ?? null, args),
      })`);
      return result;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What the overlay shows: { kind, title, text, theme, dir, lang, focus } or null. */
export function view(current) {
  if (!current) return null;
  const r = current.root;
  const frame = r.querySelector('[part~=frame]');
  const article = r.querySelector('[part=content] .lede');
  return {
    kind: current.kind,
    // The reader: 'ready' once the article is shown.
    state: current.kind === 'reader' ? current.host.getAttribute('state') : 'ready',
    title: r.querySelector('[part=content] h1')?.textContent ?? '',
    text: (r.querySelector('[part=content]') ?? r).textContent,
    notice: current.kind === 'notice' ? r.textContent : '',
    theme: frame?.dataset.theme ?? '',
    dir: article?.closest('[dir]')?.getAttribute('dir') ?? '',
    lang: article?.closest('[lang]')?.getAttribute('lang') ?? '',
    focus: r.activeElement?.textContent ?? '',
  };
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
