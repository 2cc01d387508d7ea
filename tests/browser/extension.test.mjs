// The browser extension (extension/, built into build/extension/) in Debian's Chromium:
// the toolbar button and ledeOpen(tabId) on pages of mozilla/readability's test corpus,
// each served once plain and once behind a strict CSP (no 'wasm-unsafe-eval'); the
// reader's title and text, Escape (plain) or a click on × (strict), the page unchanged
// after closing, no console errors; a page with Trusted Types enforced;
// preferences that follow the reader from one site to another; the message for pages that
// are not articles; the manifest and the zip. A hostile page: extension-hostile.test.mjs;
// Firefox: extension-firefox.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { serve } from '../../scripts/serve.mjs';
import { launch, openPage, root, startServer } from './helpers.mjs';
import { corpus, extensionDir, launchExtension, mediaRoutes, normalise } from './extension-harness.mjs';

const STRICT_CSP = "default-src 'self'; script-src 'self'";
// Trusted Types enforced: no string reaches an HTML or script sink, and no policy may be made.
const TRUSTED_TYPES_CSP = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types 'none'`;
// English, Czech, French, German, Portuguese, Japanese, Chinese, right-to-left, a long
// list, code, a review with images, fiction.
const PAGES = ['aclu', 'aktualne', 'lemonde-1', 'heise', 'folha', 'yahoo-4', 'youth', 'rtl-1', 'wikipedia-4', 'v8-blog', 'theverge', 'archive-of-our-own'];

if (!existsSync(corpus)) {
  throw new Error(`The Readability test pages are missing: expected them in ${corpus} (../shared/corpora/readability-pages)`);
}

let ext;
let site; // { origin, close }: /plain/, /strict/ (the corpus) and /fixtures/ on one origin
let otherSite; // the same files on another origin (another port)
let scratch;

const media = []; // requests for /media/*: { path, referer }

async function startSite() {
  const server = await serve(scratch, {
    headers: (path) =>
      path.startsWith('/strict/') ? { 'content-security-policy': STRICT_CSP }
        : path.startsWith('/trusted/') ? { 'content-security-policy': TRUSTED_TYPES_CSP } : {},
    routes: mediaRoutes(media),
  });
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

// Console errors and page errors, and requests to hosts other than the test server.
const seen = { errors: [], requests: [] };
function record(page) {
  page.on('console', (m) => {
    // The pages' own resources (their http://fakehost/ images, scripts and web app
    // manifests that answer 404), reported while the test runs.
    if (m.type() === 'error' && !/^(Failed to load resource|Manifest fetch from)/.test(m.text())) seen.errors.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(`pageerror: ${e.message}`));
}

const outerHTML = () => ext.page.evaluate(() => document.documentElement.outerHTML);

// A real mouse click on the reader's ×, once it has stopped moving (the bar settles as
// its fonts and height come in; under load, a click measured a frame early missed it).
async function clickClose() {
  let box = await ext.centreOf('[part=close]');
  for (let i = 0; i < 20; i++) {
    await new Promise((ok) => setTimeout(ok, 50));
    const again = await ext.centreOf('[part=close]');
    if (box && again && again.x === box.x && again.y === box.y) break;
    box = again;
  }
  assert.ok(box, 'the × button is shown');
  await ext.click(box);
  assert.ok(await ext.waitClosed(), '× closed the reader');
}

// The page as it stands once its own scripts have stopped changing it: no mutation for
// half a second (a tracker on one corpus page adds a box and takes it away 300 ms later).
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

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'lede-ext-site-'));
  symlinkSync(corpus, join(scratch, 'plain'));
  symlinkSync(corpus, join(scratch, 'strict'));
  symlinkSync(corpus, join(scratch, 'trusted'));
  symlinkSync(join(root, 'tests', 'browser', 'fixtures', 'extension'), join(scratch, 'fixtures'));
  site = await startSite();
  otherSite = await startSite();
  ext = await launchExtension();
  // The corpus pages name http://fakehost/ and real sites: nothing leaves the machine.
  await ext.context.route(
    (url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1',
    (route) => {
      seen.requests.push(route.request().url());
      return route.abort();
    },
  );
  record(ext.page);
});

after(async () => {
  await ext?.close();
  await site?.close();
  await otherSite?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the extension', () => {
  test('the toolbar button on a page that is not an article: a message, Try anyway, Close', async () => {
    const { page } = ext;
    await page.goto(`${site.origin}/fixtures/form.html`);
    const before = await outerHTML();
    seen.errors.length = 0;
    await ext.press(); // the real button; it also grants activeTab for this origin
    const notice = await ext.waitFor('notice');
    assert.match(normalise(notice.notice), /This page doesn't look like an article/);
    assert.equal(notice.focus, 'Try anyway');
    // A box in the top corner, not over the whole page.
    const box = await page.evaluate(() => document.querySelector('iframe[title="Lede Reader"]').getBoundingClientRect().toJSON());
    assert.ok(box.width <= 448 && box.height > 50 && box.height < 300 && box.top === 0, JSON.stringify(box));
    await ext.key('Escape');
    assert.ok(await ext.waitClosed(), 'Escape closed the notice');
    assert.equal(await outerHTML(), before, 'the page is as it was');

    // Try anyway: Readability on the form page finds a little text or none; either way
    // the reader is not empty.
    assert.equal(await ext.open(), 'not-article');
    await ext.inReader(() => document.querySelector('[data-act=try]').click());
    const v = await (async () => {
      for (let i = 0; i < 100; i++) {
        const now = await ext.view();
        if (now?.state === 'ready' && !/look like an article/.test(now.notice)) return now;
        await new Promise((ok) => setTimeout(ok, 50));
      }
    })();
    if (v.kind === 'reader') assert.match(normalise(v.text), /Forgot your password/, 'the reader shows the text');
    else assert.match(v.notice, /found no article text/);
    await ext.key('Escape');
    assert.ok(await ext.waitClosed());
    assert.equal(await outerHTML(), before);
    assert.deepEqual(seen.errors, []);
  });

  for (const name of PAGES) {
    for (const mode of ['plain', 'strict']) {
      const closing = mode === 'plain' ? 'Escape' : '×';
      test(`${name}, ${mode === 'plain' ? 'no CSP' : 'strict CSP'}: title, text, ${closing}, the page unchanged`, async () => {
        const { page } = ext;
        const meta = JSON.parse(readFileSync(join(corpus, name, 'expected-metadata.json'), 'utf8'));
        const expected = readFileSync(join(corpus, name, 'expected.html'), 'utf8');
        await page.goto(`${site.origin}/${mode}/${name}/source.html`);
        if (mode === 'strict') {
          // The page really cannot compile wasm.
          const wasm = await page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => 'ok', (e) => e.name));
          assert.equal(wasm, 'CompileError');
        }
        const before = await settled();
        seen.errors.length = 0;
        seen.requests.length = 0;

        assert.equal(await ext.open(), 'article');
        const v = await ext.view();
        assert.equal(v.kind, 'reader');
        assert.equal(normalise(v.title), normalise(meta.title));
        // A stretch of a paragraph from the middle of Readability's expected output.
        const snippet = await page.evaluate((html) => {
          const doc = new DOMParser().parseFromString(html, 'text/html');
          const texts = [...doc.querySelectorAll('p, li')].map((p) => p.textContent.replace(/\s+/g, ' ').trim());
          const long = texts.filter((t) => t.length > 80);
          const text = long[Math.floor(long.length / 2)] ?? texts.find((t) => t.length > 10);
          return text.slice(Math.min(20, text.length - 10), 80);
        }, expected);
        assert.ok(normalise(v.text).includes(normalise(snippet)), `the overlay shows "${snippet}"`);
        if (meta.dir) assert.equal(v.dir, meta.dir);
        assert.equal(v.focus, '×', 'the focus is on the close button');
        assert.equal(await page.evaluate(() => document.documentElement.style.overflow), 'hidden', 'the page does not scroll');
        // The page's scripts see a frame of another origin and nothing inside it.
        assert.equal(await page.evaluate(() => {
          const frame = document.querySelector('iframe[title="Lede Reader"]');
          try {
            return frame.contentDocument ?? frame.contentWindow.document;
          } catch (e) {
            return e.name;
          }
        }), 'SecurityError');

        if (closing === 'Escape') {
          await ext.key('Escape');
          assert.ok(await ext.waitClosed(), 'Escape closed the reader');
        } else await clickClose();
        assert.equal(await outerHTML(), before, 'the page is byte for byte as it was');
        // The article's images obey the page's CSP in the reader as they did on the page:
        // an image the page could not load is refused again. Anything else is an error.
        const source = readFileSync(join(corpus, name, 'source.html'), 'utf8');
        const own = (e) => /^Loading the image '([^']+)' violates/.exec(e)?.[1];
        assert.deepEqual(seen.errors.filter((e) => !own(e) || !source.includes(new URL(own(e)).host)), []);
        // Any request to another host is the article's own (its images), named by the page.
        for (const url of seen.requests) assert.ok(source.includes(new URL(url).host), `request to ${url}`);
      });
    }
  }

  test('a page with Trusted Types enforced: the overlay opens, reads, closes with ×, the page unchanged', async () => {
    const { page } = ext;
    const meta = JSON.parse(readFileSync(join(corpus, 'aclu', 'expected-metadata.json'), 'utf8'));
    const violations = [];
    const onConsole = (m) => /Trusted Type|TrustedHTML|TrustedScript/i.test(m.text()) && violations.push(m.text());
    page.on('console', onConsole);
    try {
      await page.goto(`${site.origin}/trusted/aclu/source.html`);
      // Enforced for real: a string into innerHTML throws, and no policy can be made.
      const enforced = await page.evaluate(() => {
        const attempt = (f) => { try { f(); return 'allowed'; } catch (e) { return e.name; } };
        return {
          innerHTML: attempt(() => { document.createElement('div').innerHTML = '<b>x</b>'; }),
          policy: attempt(() => trustedTypes.createPolicy('x', { createHTML: (s) => s })),
        };
      });
      assert.deepEqual(enforced, { innerHTML: 'TypeError', policy: 'TypeError' });
      violations.length = 0;
      const before = await settled();
      seen.errors.length = 0;
      assert.equal(await ext.open(), 'article');
      const v = await ext.view();
      assert.equal(v.kind, 'reader');
      assert.equal(v.state, 'ready');
      assert.equal(normalise(v.title), normalise(meta.title));
      assert.ok(normalise(v.text).length > 1000, 'the article text is shown');
      // The toolbar works there too.
      await ext.inReader(() => document.querySelector('lede-reader').shadowRoot.querySelector('[data-act=display]').click());
      assert.equal(await ext.inReader(() => document.querySelector('lede-reader').shadowRoot.querySelector('[part=settings]').hidden), false);
      await clickClose();
      assert.equal(await outerHTML(), before);
      assert.deepEqual(violations, []);
      const source = readFileSync(join(corpus, 'aclu', 'source.html'), 'utf8');
      const own = (e) => /^Loading the image '([^']+)' violates/.exec(e)?.[1];
      assert.deepEqual(seen.errors.filter((e) => !own(e) || !source.includes(new URL(own(e)).host)), []);
    } finally {
      page.off('console', onConsole);
    }
  });

  test("a page's own styles stay out of the reader; <html>'s style attribute comes back byte for byte", async () => {
    const { page } = ext;
    await page.goto(`${site.origin}/fixtures/styled-article.html`);
    const before = await settled();
    seen.errors.length = 0;
    assert.equal(await ext.open(), 'article');
    const look = await ext.inReader(() => {
      const root = document.querySelector('lede-reader').shadowRoot;
      const s = getComputedStyle(root.querySelector('[part=content] .lede-body p'));
      const button = getComputedStyle(root.querySelector('[data-act=display]'));
      return { size: s.fontSize, button: button.fontSize, spacing: s.letterSpacing, transform: s.textTransform, color: s.color, family: s.fontFamily };
    });
    // The sizes of a page that keeps the root size (16 px): text 1.125rem, toolbar 0.9rem.
    assert.deepEqual(look, { ...look, size: '18px', button: '14.4px', spacing: 'normal', transform: 'none' });
    assert.notEqual(look.color, 'rgb(204, 0, 0)');
    assert.doesNotMatch(look.family, /^monospace/);
    // The frame itself covers the viewport, whatever the page's rules for iframes say.
    const frame = await page.evaluate(() => {
      const f = document.querySelector('iframe[title="Lede Reader"]');
      const s = getComputedStyle(f);
      const r = f.getBoundingClientRect();
      return { display: s.display, position: s.position, opacity: s.opacity, filter: s.filter, x: r.x, y: r.y, width: r.width, height: r.height };
    });
    assert.deepEqual(frame, { display: 'block', position: 'fixed', opacity: '1', filter: 'none', x: 0, y: 0, width: 1280, height: 900 });
    await ext.key('Escape');
    assert.ok(await ext.waitClosed());
    assert.equal(await outerHTML(), before);
    assert.deepEqual(seen.errors, []);
  });

  test('preferences chosen on one site follow the reader to another, not into the pages', async () => {
    const { page, sw } = ext;
    await sw.evaluate(() => chrome.storage.sync.clear());
    await page.goto(`${site.origin}/plain/v8-blog/source.html`);
    assert.equal(await ext.open(), 'article');
    assert.equal((await ext.view()).theme, 'auto');
    // Through the toolbar: open Aa Display, choose Dark.
    await ext.inReader(() => {
      const r = document.querySelector('lede-reader').shadowRoot;
      r.querySelector('[data-act=display]').click();
      const select = r.querySelector('select[name=theme]');
      select.value = 'dark';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    assert.equal((await ext.view()).theme, 'dark');
    assert.deepEqual(await sw.evaluate(() => chrome.storage.sync.get('prefs')), { prefs: { theme: 'dark' } });
    await ext.key('Escape'); // closes the settings
    await ext.key('Escape'); // closes the reader
    assert.ok(await ext.waitClosed());
    assert.equal(await page.evaluate(() => localStorage.getItem('lede:prefs')), null, "the page's storage is untouched");

    // Another origin: the toolbar button (activeTab is granted per site).
    await page.goto(`${otherSite.origin}/strict/lemonde-1/source.html`);
    await ext.press();
    let v = await ext.waitFor('reader');
    assert.equal(v.theme, 'dark');
    assert.equal(await ext.inReader(() => document.querySelector('lede-reader').shadowRoot.querySelector('select[name=theme]').value), 'dark');
    // A choice made elsewhere (another tab) shows at once.
    await sw.evaluate(() => chrome.storage.sync.set({ prefs: { theme: 'sepia', fontSize: 22 } }));
    for (let i = 0; i < 40 && v.theme !== 'sepia'; i++) v = await ext.view();
    assert.equal(v.theme, 'sepia');
    await ext.key('Escape');
    assert.ok(await ext.waitClosed());
    assert.equal(await page.evaluate(() => localStorage.getItem('lede:prefs')), null);
    await sw.evaluate(() => chrome.storage.sync.clear());
  });

  test("the article's audio and images are requested without a Referer (reader.html's referrer policy)", async () => {
    const { page } = ext;
    await page.goto(`${site.origin}/fixtures/media-article.html`);
    const before = await settled();
    media.length = 0; // the page's own requests for them
    await ext.press(); // back from the other site: the button grants activeTab again
    await ext.waitFor('reader');
    const wanted = ['/media/harbour.png', '/media/tone.wav'];
    for (let i = 0; i < 100 && !wanted.every((p) => media.some((m) => m.path === p)); i++) await new Promise((ok) => setTimeout(ok, 50));
    assert.deepEqual([...new Set(media.map((m) => m.path))].sort(), wanted, 'the reader loaded both');
    assert.deepEqual(media.filter((m) => m.referer !== undefined), [], 'no request carried a Referer');
    await ext.key('Escape');
    assert.ok(await ext.waitClosed());
    assert.equal(await outerHTML(), before);
  });

  test('Chromium reads the shortcut as the button\'s command (_execute_action)', async () => {
    // Only that: headless Chromium binds no key to it here (getAll() reports an empty
    // shortcut) and keys sent by playwright reach the page, not the browser's
    // accelerators, so pressing Alt+Shift+R cannot be tested (docs/extension.md).
    const commands = await ext.sw.evaluate(() => chrome.commands.getAll());
    assert.deepEqual(commands.map((c) => c.name), ['_execute_action']);
  });

  test('the toolbar button toggles: pressed again, the overlay closes', async () => {
    const { page } = ext;
    await page.goto(`${site.origin}/strict/rtl-1/source.html`);
    const before = await outerHTML();
    await ext.press(); // back from the other site: the button grants activeTab again
    assert.equal((await ext.waitFor('reader')).dir, 'rtl');
    assert.equal(await ext.open(), 'closed');
    assert.ok(await ext.waitClosed());
    assert.equal(await outerHTML(), before);
  });
});

describe("lede.js's parts for rendering elsewhere, on an ordinary page", () => {
  test('renderOps() + buildFragment() give render()\'s DOM; showFragment() shows it; a custom preference store', async () => {
    const browser = await launch();
    const server = await startServer();
    try {
      const { page, problems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/blank.html`);
      const result = await page.evaluate(async () => {
        const lede = await import('/web/lede.js');
        const json = await (await fetch('/web/articles/once-enemies.json')).text();
        const reader = await lede.createReader({ html: true });
        const message = reader.renderOps(json);
        // What crosses chrome.runtime messaging: JSON.
        const copy = JSON.parse(JSON.stringify({ ...message, ops: Array.from(message.ops) }));
        const html = (f) => {
          const div = document.createElement('div');
          div.append(f);
          return div.innerHTML;
        };
        const base = new URL('/web/articles/once-enemies.json', location.href).href;
        const same = html(lede.buildFragment(copy, { base })) === html(reader.render(json, { base }));
        // An overlay reader showing the built article, choices kept outside localStorage.
        let kept = {};
        lede.setPreferenceStore({ get: () => kept, set: (p) => (kept = p) });
        document.documentElement.setAttribute('style', 'color:#111');
        const host = document.createElement('lede-reader');
        host.setAttribute('mode', 'overlay');
        document.body.append(host);
        await host.showFragment(lede.buildFragment(copy, { base }));
        const root = host.shadowRoot;
        const shown = {
          h1: root.querySelector('h1')?.textContent,
          state: host.state,
          overflow: document.documentElement.style.overflow,
          dialog: root.querySelector('[part~=frame]').getAttribute('role'),
        };
        root.querySelector('select[name=theme]').value = 'sepia';
        root.querySelector('select[name=theme]').dispatchEvent(new Event('change', { bubbles: true }));
        const closed = new Promise((ok) => host.addEventListener('lede-close', ok, { once: true }));
        root.querySelector('[part=close]').click();
        await closed;
        return { same, shown, kept, local: localStorage.getItem('lede:prefs'), style: document.documentElement.getAttribute('style'), hidden: host.hidden };
      });
      assert.equal(result.same, true);
      assert.deepEqual(result.shown, { h1: result.shown.h1, state: 'ready', overflow: 'hidden', dialog: 'dialog' });
      assert.match(result.shown.h1, /Once Enemies/);
      assert.deepEqual(result.kept, { theme: 'sepia' });
      assert.equal(result.local, null);
      assert.equal(result.style, 'color:#111', "<html>'s style attribute is given back byte for byte");
      assert.equal(result.hidden, true);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('the extension package', () => {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));

  test('manifest: MV3, the exact CSP, the few permissions, no host access', () => {
    assert.equal(manifest.manifest_version, 3);
    assert.deepEqual(manifest.content_security_policy, {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    });
    assert.deepEqual(manifest.permissions, ['activeTab', 'scripting', 'storage']);
    for (const key of ['host_permissions', 'optional_host_permissions', 'content_scripts', 'externally_connectable']) {
      assert.equal(manifest[key], undefined, key);
    }
    assert.equal(manifest.commands._execute_action.suggested_key.default, 'Alt+Shift+R');
    assert.equal(manifest.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    // Pages may load only what the content script needs from the extension.
    const exposed = manifest.web_accessible_resources.flatMap((r) => r.resources);
    assert.deepEqual(exposed, ['reader.html']);
    // Chromium runs the service worker; Firefox (no service workers in its MV3) the same
    // file as an event page, and needs an add-on id.
    assert.deepEqual(manifest.background, { service_worker: 'background.js', scripts: ['background.js'], type: 'module' });
    assert.ok(manifest.browser_specific_settings.gecko.id);
  });

  test('no network calls of its own, no HTML parsing, no eval, no messages to the page in its scripts', () => {
    for (const file of ['background.js', 'content.js', 'walk.js', 'reader.js']) {
      // XML namespace names (walk.js tells SVG and MathML elements by them) are names, never fetched.
      const source = readFileSync(join(extensionDir, file), 'utf8').replace(/'http:\/\/www\.w3\.org\/[\w/.]+'/g, "''");
      assert.doesNotMatch(source, /\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|https?:\/\//, file);
      assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, file);
      // The reader talks to the content script through the extension's messaging only:
      // a window message or a DOM event would reach the page's listeners.
      assert.doesNotMatch(source, /postMessage|dispatchEvent|\b(?:parent|top|opener)\s*\./, file);
    }
    // Media requests from the reader carry no Referer; links open in the tab.
    const html = readFileSync(join(extensionDir, 'reader.html'), 'utf8');
    assert.match(html, /<meta name="referrer" content="no-referrer">/);
    assert.match(html, /<base target="_top">/);
    assert.doesNotMatch(html.replace(/<!--[\s\S]*?-->/g, ''), /<script(?![^>]*type="module" src="reader\.js")/);
  });

  test('the zip holds exactly the unpacked folder', () => {
    const zip = readFileSync(join(root, 'build', 'lede-extension.zip'));
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const names = [];
    for (let i = 0; i < count; i++) {
      const method = zip.readUInt16LE(at + 10);
      const size = zip.readUInt32LE(at + 20);
      const nameLength = zip.readUInt16LE(at + 28);
      const local = zip.readUInt32LE(at + 42);
      const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
      const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const stored = zip.subarray(dataAt, dataAt + size);
      const data = method === 8 ? inflateRawSync(stored) : stored;
      assert.ok(data.equals(readFileSync(join(extensionDir, name))), name);
      names.push(name);
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    const walk = (dir, prefix = '') =>
      readdirSync(join(extensionDir, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
      );
    assert.deepEqual(names, walk('').sort());
    assert.ok(names.includes('manifest.json') && names.includes('dist/lede-html.wasm') && names.includes('Readability.js'));
  });
});
