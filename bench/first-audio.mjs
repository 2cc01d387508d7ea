// The first <audio> of a page, in headless Chromium: in a fresh context (no cache), 50 ms
// after the page loaded, one element appended to the body, and the time until the page's
// next task (setTimeout 0) and its next frame (requestAnimationFrame, then setTimeout 0).
// Lede's "Listen" player is such an element (docs/performance.md, "Stop 30: the first
// <audio> in a page"); a <div> is the baseline.
//   node bench/first-audio.mjs [--samples=15]
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { chromiumArgs, root } from '../tests/browser/helpers.mjs';
import { arg } from './side-by-side.mjs';

const samples = Number(arg('samples', 15));
const SRC = '/web/articles/media/once-enemies-listen.wav';
// What is appended: [label, tag, attributes, wrapped in a closed <details>, hidden].
const kinds = [
  ['a <div>', 'div', {}],
  ["<audio controls preload=metadata src> (Lede's)", 'audio', { preload: 'metadata', src: SRC, controls: '' }],
  ['the same with preload=none', 'audio', { preload: 'none', src: SRC, controls: '' }],
  ['<audio controls> without src', 'audio', { preload: 'metadata', controls: '' }],
  ['<audio src> without controls', 'audio', { preload: 'metadata', src: SRC }],
  ["Lede's, inside a closed <details>", 'audio', { preload: 'metadata', src: SRC, controls: '' }, true],
  ["Lede's, hidden", 'audio', { preload: 'metadata', src: SRC, controls: '', hidden: '' }],
];

const server = await serve(root);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs });
const times = kinds.map(() => []);
try {
  for (let s = 0; s < samples; s++) {
    for (const [i, [, tag, attrs, inDetails]] of kinds.entries()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/bench/browser/index.html`).catch(() => {});
      times[i].push(await page.evaluate(async ({ tag, attrs, inDetails }) => {
        await new Promise((r) => setTimeout(r, 50));
        const t0 = performance.now();
        let el = document.createElement(tag);
        for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
        if (inDetails) {
          const details = document.createElement('details');
          details.append(Object.assign(document.createElement('summary'), { textContent: 'Listen' }), el);
          el = details;
        }
        document.body.append(el);
        const t1 = performance.now();
        await new Promise((r) => setTimeout(r, 0));
        const t2 = performance.now();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return [t1 - t0, t2 - t0, performance.now() - t0];
      }, { tag, attrs, inDetails }));
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
console.log(`Chromium ${browser.version()}, ${samples} samples each, medians (ms from before the append)`);
console.log('| appended | append | next task | next frame |');
console.log('| --- | ---: | ---: | ---: |');
kinds.forEach(([label], i) => console.log(`| ${label.replace(/</g, '`<').replace(/>/g, '>`')} | ${[0, 1, 2].map((k) => median(times[i].map((t) => t[k]))).join(' | ')} |`));
