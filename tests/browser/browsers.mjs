// The one layer the browser tests share over three engines' drivers. A test launches
// `launch()` and gets, for the engine named by LEDE_ENGINE (chromium, the default;
// firefox; webkit), a browser with the subset of Playwright's API the tests use:
//
//   browser.newContext({ viewport, colorScheme, javaScriptEnabled }) · newPage(options) ·
//   version() · close() · engine
//   context.newPage() · addInitScript(fn) · close()
//   page.goto · reload · url · title · evaluate(fn, arg) · waitForFunction(fn, arg, { timeout }) ·
//   waitForTimeout · waitForURL · addInitScript · keyboard.press('Shift+Tab') ·
//   screenshot({ path }) · setViewportSize · emulateMedia({ media, colorScheme, forcedColors }) ·
//   locator(css) · getByTestId · getByRole(role, { name, exact }) · getAttribute(css, name) ·
//   on('console' | 'pageerror' | 'request' | 'response' | 'requestfailed' | 'framenavigated') ·
//   mainFrame() · request.get(url) · close()
//   locator: locator · getByRole · nth · first · count · isVisible · textContent · innerText ·
//   getAttribute · focus · click · boundingBox · allTextContents · evaluateAll
//
// Chromium is Playwright itself (playwright-core driving Debian's chromium): everything
// Playwright has works there, and what only it can do (CDP, extension service workers,
// page.pdf, bypassCSP) stays Chromium's, named as such where a test uses it. Firefox is
// Debian's firefox-esr through puppeteer-core over WebDriver BiDi
// (drivers/firefox.mjs); WebKit is WebKitGTK's MiniBrowser through WebKitWebDriver
// (drivers/webkit.mjs). Requests are routed by the test server (scripts/serve.mjs'
// `routes`), never intercepted in the browser, so every engine sees the same answers.
import { chromium } from 'playwright-core';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const engine = process.env.LEDE_ENGINE ?? 'chromium';
if (!ENGINES.includes(engine)) throw new Error(`LEDE_ENGINE=${engine}: expected one of ${ENGINES.join(', ')}`);

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Launches the engine under test. `onlyLocal`: every host but 127.0.0.1 fails at once
 * (hermetic corpus runs); `autoplay`: media may play without a user gesture;
 * `media: false`: WebKit leaves media elements unloaded (WebKitGTK starts a GStreamer
 * pipeline for every <audio>, 160 ms apiece, where the others take a few ms: a corpus
 * run that shows thousands of them needs it; the other engines ignore it);
 * `chromiumArgs`: more command-line switches, for Chromium only.
 */
export async function launch({ onlyLocal = false, autoplay = false, media = true, chromiumArgs: extra = [] } = {}) {
  if (engine === 'firefox') return (await import('./drivers/firefox.mjs')).launchFirefox({ onlyLocal, autoplay });
  if (engine === 'webkit') return (await import('./drivers/webkit.mjs')).launchWebKit({ onlyLocal, autoplay, media });
  const args = [...chromiumArgs, ...extra];
  if (onlyLocal) args.push('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1');
  if (autoplay) args.push('--autoplay-policy=no-user-gesture-required');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
  browser.engine = 'chromium';
  return browser;
}
