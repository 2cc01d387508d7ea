// The browser extension in Firefox (Debian's firefox-esr, through puppeteer-core over
// WebDriver BiDi): it installs from build/extension/; the shortcut Alt+Shift+R, pressed
// for real (xdotool, to a headful Firefox on its own Xvfb), opens pages of
// mozilla/readability's test corpus in the reader, served plain, behind a strict CSP (no
// 'wasm-unsafe-eval') and with Trusted Types enforced; Escape and a real click on ×
// close it; the focus comes back and the page is left as it was; a theme chosen is there
// the next time (chrome.storage.sync); a page that is not an article gets the notice. The same extension as in Chromium (extension.test.mjs): one
// manifest, no test-only code in it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { root } from './helpers.mjs';
import { corpus, extensionDir, launchFirefoxExtension, normalise } from './extension-harness.mjs';

const STRICT_CSP = "default-src 'self'; script-src 'self'";
const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types 'none'`;
// [page, how it is served, how the reader is closed]: English, French, right-to-left, code.
const CASES = [
  ['aclu', 'plain', 'Escape'],
  ['lemonde-1', 'strict', '×'],
  ['rtl-1', 'strict', 'Escape'],
  ['v8-blog', 'trusted', '×'],
];

let ext;
let site;
let scratch;
const errors = [];

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'lede-ext-firefox-'));
  for (const mode of ['plain', 'strict', 'trusted']) symlinkSync(corpus, join(scratch, mode));
  symlinkSync(join(root, 'tests', 'browser', 'fixtures', 'extension'), join(scratch, 'fixtures'));
  const csp = { '/strict/': STRICT_CSP, '/trusted/': TRUSTED_TYPES_CSP };
  site = await serve(scratch, {
    headers: (path) => {
      const prefix = Object.keys(csp).find((p) => path.startsWith(p));
      return prefix ? { 'content-security-policy': csp[prefix] } : {};
    },
  });
  ext = await launchFirefoxExtension();
  // What the extension would report in the page's console (its content script runs there).
  ext.page.on('console', (m) => /lede|moz-extension|Readability/i.test(m.text()) && m.type() === 'error' && errors.push(m.text()));
  ext.page.on('pageerror', (e) => /lede|moz-extension/i.test(String(e?.message ?? e)) && errors.push(String(e)));
});

after(async () => {
  await ext?.close();
  site?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const origin = () => `http://127.0.0.1:${site.address().port}`;
const outerHTML = () => ext.page.evaluate(() => document.documentElement.outerHTML);
const focused = () => ext.page.evaluate(() => `${document.activeElement?.tagName}#${document.activeElement?.id ?? ''}`);

// The page as it stands once its own scripts have stopped changing it.
async function settled() {
  await ext.page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        let timer;
        const observer = new MutationObserver(() => quiet());
        const quiet = () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            observer.disconnect();
            resolve();
          }, 500);
        };
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        quiet();
        setTimeout(() => reject(new Error('the page keeps changing itself')), 5000);
      }),
  );
  return outerHTML();
}

// A stretch of a paragraph from the middle of Readability's expected output (one without
// entities or markup inside, so that its text is its source).
function middleOf(html) {
  const texts = [...html.matchAll(/<p[^>]*>([^<&]{80,})<\/p>/g)].map((m) => m[1].replace(/\s+/g, ' ').trim());
  return texts[Math.floor(texts.length / 2)].slice(20, 80);
}

describe('the extension in Firefox', () => {
  test('installs from build/extension/ under its add-on id', () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
    assert.equal(ext.extensionId, manifest.browser_specific_settings.gecko.id);
  });

  for (const [name, mode, closing] of CASES) {
    test(`${name}, ${mode}: Alt+Shift+R opens the article, ${closing} closes it, the page as it was`, async () => {
      const { page } = ext;
      const meta = JSON.parse(readFileSync(join(corpus, name, 'expected-metadata.json'), 'utf8'));
      await page.goto(`${origin()}/${mode}/${name}/source.html`);
      await ext.focusPage();
      if (mode !== 'plain') {
        // The page itself cannot compile wasm.
        const wasm = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'ok', (e) => e.name));
        assert.equal(wasm, 'CompileError');
      }
      const before = await settled();
      const focus = await focused();
      errors.length = 0;

      await ext.press();
      const v = await ext.waitFor('reader');
      assert.equal(normalise(v.title), normalise(meta.title));
      const snippet = middleOf(readFileSync(join(corpus, name, 'expected.html'), 'utf8'));
      assert.ok(normalise(v.text).includes(normalise(snippet)), `the reader shows "${snippet}"`);
      if (meta.dir) assert.equal(v.dir, meta.dir);
      assert.equal(v.focus, '×', 'the focus is on the close button');
      assert.equal(await page.evaluate(() => document.documentElement.style.overflow), 'hidden', 'the page does not scroll');

      if (closing === 'Escape') await ext.key('Escape');
      else await ext.click(await ext.centreOf('[part=close]'));
      assert.ok(await ext.waitClosed(), `${closing} closed the reader`);
      assert.equal(await outerHTML(), before, 'the page is byte for byte as it was');
      assert.equal(await focused(), focus, 'the focus is back where it was');
      assert.deepEqual(errors, []);
    });
  }

  test('a theme chosen in the reader is kept in chrome.storage.sync: there the next time, not in the page', async () => {
    await ext.page.goto(`${origin()}/plain/aclu/source.html`);
    await ext.focusPage();
    const before = await settled();
    await ext.press();
    assert.equal((await ext.waitFor('reader')).theme, 'auto');
    await ext.inReader(() => {
      const r = document.querySelector('lede-reader').shadowRoot;
      r.querySelector('[data-act=display]').click();
      const select = r.querySelector('select[name=theme]');
      select.value = 'sepia';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    assert.equal((await ext.view()).theme, 'sepia');
    await ext.key('Escape'); // the settings
    await ext.key('Escape'); // the reader
    assert.ok(await ext.waitClosed());
    assert.equal(await outerHTML(), before);
    await ext.press();
    assert.equal((await ext.waitFor('reader')).theme, 'sepia', 'the choice is there the next time');
    await ext.key('Escape');
    assert.ok(await ext.waitClosed());
    assert.equal(await ext.page.evaluate(() => localStorage.getItem('lede:prefs')), null, "the page's storage is untouched");
  });

  test('a page that is not an article: the notice, Escape closes it', async () => {
    await ext.page.goto(`${origin()}/fixtures/form.html`);
    await ext.focusPage();
    const before = await outerHTML();
    await ext.press();
    const notice = await ext.waitFor('notice');
    assert.match(normalise(notice.notice), /This page doesn't look like an article/);
    assert.equal(notice.focus, 'Try anyway');
    await ext.key('Escape');
    assert.ok(await ext.waitClosed(), 'Escape closed the notice');
    assert.equal(await outerHTML(), before);
  });
});
