// The extension on a hostile page (issue 16, items 3 and 4): fixtures/extension/hostile.html
// runs hostile.js before the reader is opened. It defines custom elements first under the
// names the extension used and keeps their ElementInternals, patches attachShadow and
// attachInternals in the main world, watches the document with a MutationObserver, sets
// attributes on whatever the extension adds (?attack=attributes), and listens on window
// and document for every reader event, window message and key. What must hold:
//   (a) the page cannot read or change what the reader shows;
//   (b) no reader event, preference or article data reaches the page;
//   (c) keys typed in the reader do not reach the page's listeners.
// The page may see that something covers it, remove it or cover it: that is accepted.
// Chromium by default; LEDE_ENGINE=firefox runs the same tests in Firefox.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { root } from './helpers.mjs';
import { launchExtension, launchFirefoxExtension, normalise } from './extension-harness.mjs';

const engine = process.env.LEDE_ENGINE ?? 'chromium';
const TITLE = "The Lighthouse Keeper's Ledger";
const SNIPPET = 'the underlined marigolds mean over the counter';
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

let ext;
let origin;
let server;

before(async () => {
  server = await serve(join(root, 'tests', 'browser', 'fixtures', 'extension'));
  origin = `http://127.0.0.1:${server.address().port}`;
  ext = await (engine === 'firefox' ? launchFirefoxExtension : launchExtension)();
});

after(async () => {
  await ext?.close();
  server?.close();
});

const outerHTML = () => ext.page.evaluate(() => document.documentElement.outerHTML);
const caught = () => ext.page.evaluate(() => ({ events: window.caught.events, keys: window.caught.keys }));

// Opens the hostile page and the reader on it, as a person would: the toolbar button
// (Chromium) or the shortcut (Firefox). Resolves to the page as it was before.
async function openOn(query = '') {
  await ext.page.goto(`${origin}/hostile.html${query}`);
  await ext.focusPage?.();
  const before = await outerHTML();
  await ext.press();
  return before;
}

// The reader showing the article, whole and unchanged: its title, its text, nothing added.
async function assertArticleShown() {
  const v = await ext.waitFor('reader');
  assert.equal(normalise(v.title), normalise(TITLE));
  assert.ok(normalise(v.text).includes(SNIPPET), 'the article text is shown');
  const added = await ext.inReader(() => {
    const r = document.querySelector('lede-reader').shadowRoot;
    return [...r.querySelectorAll('form, #evil, .evil'), ...document.querySelectorAll('form, #evil, .evil')].length;
  });
  assert.equal(added, 0, 'nothing of the page is in the reader');
  return v;
}

describe(`the extension on a hostile page (${engine})`, () => {
  test('(a) custom elements defined first, attachInternals, patched prototypes, a MutationObserver: the page reads nothing of the reader and puts nothing in it', async () => {
    const before = await openOn();
    // Wait until the reader shows the article (through the page: with a reader in the
    // page, the page has it by then too), then look with the page's eyes.
    await ext.waitFor('reader').catch(() => {});
    for (let i = 0; i < 100 && !(await ext.page.evaluate(() => window.caught.nodes.length)); i++) await sleep(50);
    const stolen = await ext.page.evaluate(() => window.harvest());
    assert.ok(stolen.nodes.length > 0, 'the page saw what the extension added');
    assert.ok(!normalise(stolen.text).includes('Farrow Point') && !stolen.text.includes('marigold'), `the page read: ${stolen.text.slice(0, 200)}`);
    assert.equal(stolen.roots, 0, 'no shadow root or document of the reader is within the page\'s reach');
    assert.equal(await ext.page.evaluate(() => window.inject()), 0, 'the page could put a form nowhere');
    await assertArticleShown();

    await ext.key('Escape');
    assert.ok(await ext.waitClosed(), 'Escape closed the reader');
    assert.equal(await outerHTML(), before, 'the page is as it was');
  });

  for (const attack of ['attributes', 'navigate']) {
    const what = attack === 'attributes' ? 'attributes set on what the extension adds' : 'the frame navigated by the page';
    test(`(a) ${what}: the reader shows the article unchanged, or is gone`, async () => {
      const before = await openOn(`?attack=${attack}`);
      // attributes: the page set src, srcdoc, style, mode, state... on the extension's
      // element as soon as it appeared. navigate: the page sent the frame, once loaded, to
      // a page of its own. Whatever the reader does about it, it never shows something else.
      await sleep(1500);
      const now = await outerHTML();
      if (now !== before) {
        // Still there: it must be the article, untouched (no error, no page content).
        await assertArticleShown();
        await ext.key('Escape');
        assert.ok(await ext.waitClosed());
        assert.equal(await outerHTML(), before, 'the page is as it was');
      } else {
        assert.equal(await ext.view(), null, 'the reader is gone, and the page is as it was');
      }
    });
  }

  test('(b) no reader event, preference or article data reaches the page', async () => {
    const before = await openOn();
    await ext.waitFor('reader').catch(() => {}); // the page's side is checked first
    assert.deepEqual((await caught()).events, [], 'opening the reader told the page nothing');
    await assertArticleShown();
    // Use the reader: choose a theme and the Readable font (whose faces the old reader
    // added to the page's document.fonts), then close it with ×.
    await ext.inReader(() => {
      const r = document.querySelector('lede-reader').shadowRoot;
      r.querySelector('[data-act=display]').click();
      for (const [name, value] of [['theme', 'dark'], ['font', 'readable']]) {
        const select = r.querySelector(`select[name=${name}]`);
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
    assert.equal((await ext.view()).theme, 'dark');
    await sleep(300); // the font's faces, if they were to load in the page
    const box = await ext.centreOf('[part=close]');
    await ext.click(box);
    assert.ok(await ext.waitClosed(), '× closed the reader');

    const seen = await ext.page.evaluate(() => ({
      events: window.caught.events,
      fonts: [...document.fonts].map((f) => f.family),
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
    }));
    assert.deepEqual(seen.events, [], 'no lede-* event, window message or storage event reached the page');
    assert.deepEqual(seen.fonts, [], "the page's document.fonts is untouched");
    assert.deepEqual([seen.local, seen.session], [[], []]);
    assert.equal(await outerHTML(), before, 'the page is as it was');
  });

  test('(c) keys typed in the reader do not reach the page', async () => {
    const before = await openOn();
    await ext.waitFor('reader').catch(() => {}); // the page's side is checked first
    // The keys before the reader was open (Firefox: the shortcut's own) are not the reader's.
    await ext.page.evaluate(() => (window.caught.keys.length = 0));
    // Moving around and typing: the focus trap (Tab, Shift+Tab), letters, scrolling keys.
    for (const key of ['Tab', 'Shift+Tab', 'a', 'z', 'ArrowDown', 'PageDown', 'Shift+Tab', 'Tab']) await ext.type(key);
    assert.deepEqual((await caught()).keys, [], 'the page heard no key typed in the reader');
    const v = await assertArticleShown();
    assert.equal(v.focus, '×', 'the reader had the keyboard, and the focus went round inside it');
    // Enter on Aa Display (opens the settings), Escape (closes them), Escape (closes the
    // reader: its keyup too stays in the reader).
    await ext.inReader(() => document.querySelector('lede-reader').shadowRoot.querySelector('[data-act=display]').focus());
    await ext.type('Enter');
    assert.equal(await ext.inReader(() => document.querySelector('lede-reader').shadowRoot.querySelector('[part=settings]').hidden), false);
    await ext.key('Escape');
    assert.ok(await ext.view(), 'the first Escape closed the settings only');
    await ext.key('Escape');
    assert.ok(await ext.waitClosed(), 'Escape closed the reader');
    await sleep(200);
    assert.deepEqual((await caught()).keys, [], 'the page heard no key typed in the reader');

    // The page does hear keys once the reader is closed (its listeners work).
    await ext.type('b');
    assert.ok((await caught()).keys.includes('keydown b'), JSON.stringify((await caught()).keys));
    assert.equal(await outerHTML(), before, 'the page is as it was');
  });
});
