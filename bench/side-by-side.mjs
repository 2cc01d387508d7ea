// What bench/compare.mjs and bench/html.mjs share: their flags, and one run of a page of
// bench/browser/ in headless Chromium (served from the checkout, gc() exposed) until it
// sets its result on window; the page's errors become the failure's message.
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { chromiumArgs, root } from '../tests/browser/helpers.mjs';

export const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;

// Runs bench/browser/NAME.html?query and returns { result: window[key], version }.
export async function runPage(name, query, key, { routes } = {}) {
  const server = await serve(root, routes ? { routes } : undefined);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
      else if (m.text().startsWith('WARNING')) console.log(m.text());
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/browser/${name}.html?${query}`);
    const result = await page
      .waitForFunction((k) => window[k], key, { timeout: 30 * 60_000, polling: 500 })
      .then((h) => h.jsonValue())
      .catch((e) => {
        throw new Error(`${name} failed: ${problems.join('; ') || e.message}`);
      });
    return { result, version: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}
