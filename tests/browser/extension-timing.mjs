// Not a test: how long the extension takes from the toolbar button to the article shown,
// in Debian's Chromium, for builds of the extension side by side (docs/extension.md, "Why
// the reader has its own document"). "cold": a fresh browser (service worker, extension
// process and wasm all cold); "warm": a second opening in the same browser, through
// ledeOpen. Prints each time and the median.
//   node tests/browser/extension-timing.mjs [NAME=DIR …] [--pages=aclu,v8-blog] [--rounds=5]
// Without NAME=DIR, build/extension/ alone. An older build to compare with: check out the
// older extension/ and scripts/build-extension.mjs, build, and copy build/extension/ aside.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { chromiumArgs } from './helpers.mjs';
import { corpus, extensionDir } from './extension-harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const builds = Object.fromEntries(args.filter((a) => !a.startsWith('--')).map((a) => a.split('=')).map(([n, d]) => [n, resolve(d)]));
if (!Object.keys(builds).length) builds.current = extensionDir;
const pages = option('pages', 'aclu,v8-blog,yahoo-4,wikipedia-4').split(',');
const rounds = Number(option('rounds', 5));

// Shown: the old design's host in the page, or the reader's frame, in state "ready".
async function shown(page) {
  if (await page.evaluate(() => document.querySelector('lede-reader-extension')?.getAttribute('state') === 'ready')) return true;
  const frame = page.frames().find((f) => f.url().startsWith('chrome-extension:'));
  return !!frame && frame.evaluate(() => document.querySelector('lede-reader')?.getAttribute('state') === 'ready').catch(() => false);
}

async function until(page) {
  while (!(await shown(page))) await new Promise((ok) => setTimeout(ok, 5));
}

const server = await serve(corpus);
const origin = `http://127.0.0.1:${server.address().port}`;
const results = {};
for (let round = 0; round < rounds; round++) {
  for (const name of pages) {
    for (const [build, dir] of Object.entries(builds)) {
      const profile = mkdtempSync(join(tmpdir(), 'lede-timing-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: [...chromiumArgs, '--enable-unsafe-extension-debugging', `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
      });
      try {
        const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
        const id = new URL(sw.url()).host;
        const cdp = await context.browser().newBrowserCDPSession();
        const page = context.pages()[0];
        await context.route((url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1', (r) => r.abort());
        await page.goto(`${origin}/${name}/source.html`);
        await page.waitForTimeout(500);
        const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
        let t = performance.now();
        await cdp.send('Extensions.triggerAction', { id, targetId: targetInfos[0].targetId });
        await until(page);
        const cold = performance.now() - t;
        const tab = (await sw.evaluate(() => chrome.tabs.query({})))[0].id;
        await sw.evaluate((tab) => globalThis.ledeOpen(tab), tab); // closes it (the button toggles)
        await page.waitForTimeout(300);
        t = performance.now();
        await sw.evaluate((tab) => globalThis.ledeOpen(tab), tab);
        await until(page);
        const warm = performance.now() - t;
        const r = (results[`${name} ${build}`] ??= { cold: [], warm: [] });
        r.cold.push(Math.round(cold));
        r.warm.push(Math.round(warm));
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  }
}
server.close();
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const [key, { cold, warm }] of Object.entries(results)) {
  console.log(`${key.padEnd(24)} cold ${median(cold)} ms ${JSON.stringify(cold)}   warm ${median(warm)} ms ${JSON.stringify(warm)}`);
}
