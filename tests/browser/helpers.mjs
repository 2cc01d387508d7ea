// Shared set-up for the browser tests: a static server on the repository root and the
// engine under test (LEDE_ENGINE: chromium, firefox or webkit; see browsers.mjs), each
// driving Debian's own browser (never a downloaded one).
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export { launch, engine, ENGINES, chromiumArgs } from './browsers.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the server; returns { origin, close }. */
export async function startServer(options = {}) {
  const server = await serve(root, options);
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/**
 * Opens a page that records console errors, page errors and failed requests, so a test
 * can assert that none happened.
 */
export async function openPage(browser, url, options = {}) {
  const page = await browser.newPage(options);
  const problems = [];
  // Failed loads are reported with their URL by the response listener below.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  if (url) await page.goto(url);
  return { page, problems };
}
