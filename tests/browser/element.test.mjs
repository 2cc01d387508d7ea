// <lede-reader>: fetches, shows loading and error states, retries, follows src changes,
// keeps host styles out, and shows exactly what createReader().render() builds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { launch, startServer, openPage, root } from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';

const seed = readFileSync(`${root}/web/articles/once-enemies.json`, 'utf8');
const title = 'Once Enemies, US And Taliban Find Common Ground Against ISIS';
// As shown: typography holds a heading's last two words together.
const shownTitle = title.replace(/ (\S+)$/, '\u00a0$1');

let browser, server, release, flakyCount = 0;
// The core's request, seen by the server (it serves web/dist/ itself).
let coreAsked = () => {};
const halves = [];
const slowGate = () => new Promise((ok) => { release = ok; });
// The second half of /t/warm.json waits for this (or 3 s).
let warmRelease = () => {};
let gate = slowGate();

before(async () => {
  browser = await launch();
  server = await startServer({
    headers: (path) => {
      if (path === '/web/dist/lede.wasm') coreAsked();
      return {};
    },
    routes: {
      // The seed in two parts: its first 2,000 bytes, which hold its "body", then the
      // rest once the core has been asked for (at most 3 s later). Says which came first.
      '/t/halves.json': async (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(seed.slice(0, 2000));
        const asked = await new Promise((ok) => {
          coreAsked = () => ok(true);
          setTimeout(() => ok(false), 3000);
        });
        coreAsked = () => {};
        res.end(seed.slice(2000));
        halves.push(asked ? 'core asked first' : 'article first');
      },
      // The seed again in two parts, the second sent when the test says so (at most 3 s).
      '/t/warm.json': async (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(seed.slice(0, 2000));
        await new Promise((ok) => {
          warmRelease = ok;
          setTimeout(ok, 3000);
        });
        res.end(seed.slice(2000));
      },
      '/t/slow.json': async (req, res) => {
        await gate;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ title: 'Slow article' }));
      },
      '/t/flaky.json': (req, res) => {
        flakyCount += 1;
        if (flakyCount === 1) res.writeHead(404, { 'content-type': 'text/plain' }).end('not yet');
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ title: 'Back again' }));
      },
      '/t/html.json': (req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>not json'),
      '/t/reset.json': (req, res) => req.socket.destroy(),
      '/t/feed.xml': (req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss version="2.0"><channel><title>Gazette</title><link>https://gazette.example/</link>' +
        '<item><title>Un</title><link>https://gazette.example/un</link><description>Premier.</description></item>' +
        '<item><title>Deux \xe9t\xe9s</title><link>https://gazette.example/deux</link><description>&lt;p&gt;Second &lt;img src="/i.png"&gt;&lt;/p&gt;</description></item>' +
        '</channel></rss>', 'latin1'),
      '/t/feed.json': (req, res) => res.writeHead(200, { 'content-type': 'application/feed+json' }).end(JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Gazette',
        items: [
          { id: 'a', url: 'https://gazette.example/one', title: 'One', content_text: 'First.' },
          { id: 'b', url: 'https://gazette.example/two', title: 'Two', content_text: 'Second.' },
        ],
      })),
    },
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function fixture() {
  const { page, problems } = await openPage(browser, `${server.origin}/tests/browser/fixtures/element.html`);
  await page.waitForFunction(() => customElements.get('lede-reader'));
  await page.evaluate(() => {
    window.events = [];
    const el = document.querySelector('lede-reader');
    for (const type of ['lede-loaded', 'lede-error']) {
      el.addEventListener(type, (e) => events.push({ type, src: e.detail.src, title: e.detail.title, error: e.detail.error?.message }));
    }
  });
  return { page, problems, reader: page.getByTestId('reader') };
}

const waitState = (page, state) =>
  page.waitForFunction((s) => document.querySelector('lede-reader').getAttribute('state') === s, state, { timeout: 10000 });

test('the demo page shows the seed article, the same DOM as render(), with no console error', async () => {
  const site = await serve(`${root}/web`);
  const origin = `http://127.0.0.1:${site.address().port}`;
  try {
    const { page, problems } = await openPage(browser, `${origin}/`);
    await waitState(page, 'ready');
    const result = await page.evaluate(async () => {
      const el = document.querySelector('lede-reader');
      const { createReader } = await import('./lede.js');
      const reader = await createReader();
      const json = await (await fetch('articles/once-enemies.json')).text();
      const expected = reader.render(json, { base: new URL('articles/once-enemies.json', location.href).href });
      const shown = el.shadowRoot.querySelector('[part=content]');
      const audio = shown.querySelector('audio');
      await new Promise((ok) => (audio.readyState >= 1 ? ok() : audio.addEventListener('loadedmetadata', ok, { once: true })));
      return {
        same: shown.cloneNode(true).isEqualNode((() => { const d = document.createElement('div'); d.setAttribute('part', 'content'); d.append(expected); return d; })()),
        h1: shown.querySelector('h1').textContent,
        audio: audio.src,
        duration: Math.round(audio.duration),
        statusHidden: el.shadowRoot.querySelector('.lede-status').hidden,
        busy: el.hasAttribute('aria-busy'),
      };
    });
    assert.equal(result.same, true);
    assert.equal(result.h1, shownTitle);
    assert.equal(result.audio, `${origin}/articles/media/once-enemies-listen.wav`);
    assert.equal(result.duration, 3);
    assert.equal(result.statusHidden, true);
    assert.equal(result.busy, false);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await new Promise((ok) => site.close(ok));
  }
});

test('host page styles stay out of the shadow root', async () => {
  const { page, problems } = await fixture();
  await page.evaluate(() => { document.querySelector('lede-reader').src = '/web/articles/once-enemies.json'; });
  await waitState(page, 'ready');
  const styles = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const h1 = getComputedStyle(root.querySelector('h1'));
    const p = getComputedStyle(root.querySelector('.lede-body p'));
    return { h1Size: parseFloat(h1.fontSize), h1Color: h1.color, pFont: p.fontFamily, display: getComputedStyle(root.querySelector('article')).display };
  });
  assert.ok(styles.h1Size > 24, `h1 is ${styles.h1Size}px`);
  assert.notEqual(styles.h1Color, 'rgb(255, 0, 0)');
  assert.doesNotMatch(styles.pFont, /^monospace$/);
  assert.equal(styles.display, 'block');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a visible loading state while the article is on its way', async () => {
  gate = slowGate();
  const { page, reader } = await fixture();
  await page.evaluate(() => { document.querySelector('lede-reader').src = '/t/slow.json'; });
  await waitState(page, 'loading');
  const status = reader.locator('[part=status]');
  assert.equal(await status.isVisible(), true);
  assert.equal(await status.textContent(), 'Loading article…');
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await reader.getAttribute('aria-busy'), '');
  release();
  await waitState(page, 'ready');
  assert.equal(await status.isVisible(), false);
  assert.equal(await reader.locator('h1').textContent(), 'Slow\u00a0article');
  await page.close();
});

test('HTTP errors show an error state with a working Retry, and fire lede-error', async () => {
  flakyCount = 0;
  const { page, reader } = await fixture();
  await page.evaluate(() => { document.querySelector('lede-reader').src = '/t/flaky.json'; });
  await waitState(page, 'error');
  const status = reader.locator('[part=status]');
  assert.equal(await status.isVisible(), true);
  assert.equal(await status.getAttribute('role'), 'alert');
  assert.match(await status.textContent(), /^This article could not be shown\./);
  assert.match(await reader.locator('[part=error-detail]').textContent(), /\/t\/flaky\.json answered HTTP 404 Not Found$/);
  const events = await page.evaluate(() => events);
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'lede-error');
  assert.match(events[0].error, /HTTP 404/);
  // Retry with the keyboard: Tab to the button, press Enter.
  const retry = reader.getByRole('button', { name: 'Retry' });
  await retry.focus();
  await page.keyboard.press('Enter');
  await waitState(page, 'ready');
  assert.equal(await reader.locator('h1').textContent(), 'Back\u00a0again');
  assert.equal(await status.isVisible(), false);
  const after = await page.evaluate(() => events.map((e) => e.type));
  assert.deepEqual(after, ['lede-error', 'lede-loaded']);
  await page.close();
});

test('network failures and responses that are not JSON are clear errors', async () => {
  const { page, reader } = await fixture();
  await page.evaluate(() => { document.querySelector('lede-reader').src = '/t/reset.json'; });
  await waitState(page, 'error');
  assert.match(await reader.locator('[part=error-detail]').textContent(), /Could not reach .*\/t\/reset\.json: network error/);
  await page.evaluate(() => { document.querySelector('lede-reader').src = '/t/html.json'; });
  await waitState(page, 'error');
  // An HTML page where the article was expected is named as such (issue 19: '<' starts
  // XML now, and a page is not a feed).
  await page.waitForFunction(() => /HTML page/.test(document.querySelector('lede-reader').shadowRoot.querySelector('[part=error-detail]')?.textContent));
  assert.match(await reader.locator('[part=error-detail]').textContent(), /^an HTML page, not a feed: Lede reads article JSON, RSS and Atom/);
  await page.close();
});

test('issue 19: the item attribute picks the article of a feed; changing it shows another', async () => {
  const { page, reader } = await fixture();
  await page.evaluate(() => {
    const el = document.querySelector('lede-reader');
    el.setAttribute('item', '1');
    el.src = '/t/feed.json';
  });
  await waitState(page, 'ready');
  assert.equal(await reader.locator('h1').textContent(), 'Two');
  await page.evaluate(() => { document.querySelector('lede-reader').item = 'one'; }); // the slug
  await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.querySelector('h1')?.textContent === 'One');
  assert.equal(await page.evaluate(() => document.querySelector('lede-reader').getAttribute('item')), 'one');
  await page.evaluate(() => { document.querySelector('lede-reader').item = 'c'; });
  await waitState(page, 'error');
  assert.equal(await reader.locator('[part=error-detail]').textContent(), 'no item "c" (there are 2: 0 to 1, or an id, url or slug)');
  const events = await page.evaluate(() => events);
  assert.deepEqual(events.map((e) => [e.type, e.title ?? e.error]), [
    ['lede-loaded', 'Two'],
    ['lede-loaded', 'One'],
    ['lede-error', 'no item "c" (there are 2: 0 to 1, or an id, url or slug)'],
  ]);
  await page.close();
});

test('issue 19: src may be an RSS feed (in windows-1252), its item chosen by the attribute', async () => {
  const { page, reader } = await fixture();
  await page.evaluate(() => {
    const el = document.querySelector('lede-reader');
    el.setAttribute('item', 'deux');
    el.src = '/t/feed.xml';
  });
  await waitState(page, 'ready');
  assert.equal(await reader.locator('h1').textContent(), 'Deux\u00a0étés');
  // Relative URLs in a feed item resolve against the item's link, not the feed's URL.
  assert.equal(await reader.locator('.lede-body img').getAttribute('src'), 'https://gazette.example/i.png');
  assert.equal(await reader.locator('a.lede-original').getAttribute('href'), 'https://gazette.example/deux');
  await page.close();
});

test('changing src aborts the fetch in flight: the newer article wins', async () => {
  gate = slowGate();
  const { page, reader } = await fixture();
  await page.evaluate(() => { document.querySelector('lede-reader').src = '/t/slow.json'; });
  await waitState(page, 'loading');
  await page.evaluate(() => { document.querySelector('lede-reader').setAttribute('src', '/web/articles/once-enemies.json'); });
  await waitState(page, 'ready');
  release();
  await page.waitForTimeout(300);
  assert.equal(await reader.locator('h1').textContent(), shownTitle);
  const events = await page.evaluate(() => events);
  assert.deepEqual(events.map((e) => [e.type, e.title]), [['lede-loaded', title]]);
  await page.close();
});

test('the core downloads while the article is still arriving once its first bytes say which core', async () => {
  const { page, reader } = await fixture();
  await page.evaluate(() => { document.querySelector('lede-reader').src = '/t/halves.json'; });
  await waitState(page, 'ready');
  assert.equal(await reader.locator('h1').textContent(), shownTitle);
  assert.deepEqual(halves, ['core asked first']);
  await page.close();
});

test('a core that is ready before the rest of its article renders a small one meanwhile', async () => {
  // The first render of a cold core is mostly V8 compiling its wasm a function at a time;
  // done while the article still arrives, that is off the article's own path.
  const { page, reader } = await fixture();
  const renders = await page.evaluate(() => {
    window.renders = [];
    const Instance = WebAssembly.Instance;
    WebAssembly.Instance = function (module, imports) {
      const x = new Instance(module, imports).exports;
      return { exports: { ...x, lede_render: (...args) => (renders.push(args[1]), x.lede_render(...args)) } };
    };
    document.querySelector('lede-reader').src = '/t/warm.json';
  }).then(() => page.waitForFunction(() => window.renders.length > 0, null, { timeout: 3000 }).then(() => page.evaluate(() => [...window.renders]), () => []));
  warmRelease();
  await waitState(page, 'ready');
  assert.equal(await reader.locator('h1').textContent(), shownTitle);
  assert.equal(renders.length, 1, 'one render before the article was in');
  assert.ok(renders[0] < 1000, `a small article (${renders[0]} B), not the reader's`);
  assert.deepEqual(await page.evaluate(() => window.renders.slice(1)), [Buffer.byteLength(seed)]);
  await page.close();
});

test('an article can be given as a property instead of src', async () => {
  const { page, reader } = await fixture();
  await page.evaluate(() => { document.querySelector('lede-reader').article = { title: 'Given directly', body: 'Hello *there*' }; });
  await waitState(page, 'ready');
  assert.equal(await reader.locator('h1').textContent(), 'Given\u00a0directly');
  assert.equal(await reader.locator('.lede-body em').textContent(), 'there');
  await page.evaluate(() => { document.querySelector('lede-reader').article = '{"title": 5}'; });
  await waitState(page, 'error');
  assert.equal(await reader.locator('[part=error-detail]').textContent(), 'title: expected a string');
  await page.close();
});

test('the shipped JavaScript has no innerHTML, eval or new Function', () => {
  // The sources (every module in src/web/) without their comments, which may name what
  // the code avoids, and the bundled web/lede.js that ships, as it is (it has no comments).
  const source = readdirSync(`${root}/src/web`).filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(`${root}/src/web/${f}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, ''))
    .join('\n');
  const shipped = readFileSync(`${root}/web/lede.js`, 'utf8');
  for (const js of [source, shipped]) {
    assert.ok(js.includes('createElement'));
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function/);
  }
});

// Everything that ships, as shipped: the files `npm pack` puts in the package and every
// script of the built extension (build/extension/, with its copy of Readability), not
// only the sources in web/ and extension/.
test('no shipped script has eval or new Function; Lede\'s own have no HTML sink', () => {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }))[0]
    .files.map((f) => f.path);
  const extension = join(root, 'build', 'extension');
  assert.ok(existsSync(extension), 'build/extension is missing: run ./build-wasm.sh extension');
  const walk = (dir) => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  const script = /\.(m?js|cjs|ts)$/;
  const files = [
    ...packed.filter((p) => script.test(p)).map((p) => ({ name: `package: ${p}`, path: join(root, p) })),
    ...walk(extension).filter((p) => script.test(p)).map((p) => ({ name: `extension: ${relative(extension, p)}`, path: p })),
  ];
  const names = files.map((f) => f.name);
  for (const expected of ['package: web/lede.js', 'package: web/lede-listen.js', 'extension: lede.js', 'extension: background.js',
    'extension: content.js', 'extension: reader.js', 'extension: Readability.js', 'extension: Readability-readerable.js']) {
    assert.ok(names.includes(expected), `${expected} is checked (found ${names.join(', ')})`);
  }
  // Code that compiles code: checked in the raw text, comments and all (none of the
  // shipped files even mentions these outside code).
  const evaluates = /\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|\bset(Timeout|Interval)\s*\(\s*['"`]|import\(\s*['"`]data:/;
  // HTML parsing sinks. Readability (Mozilla's, bundled unchanged) sets innerHTML on the
  // copy of the page it reads (extension/content.js clones the document first); Lede's
  // own scripts never parse HTML. Comments that start a line may name what is avoided.
  const sinks = /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|HTMLUnsafe|srcdoc/;
  const readability = /Readability(-readerable)?\.js$/;
  for (const { name, path } of files) {
    const source = readFileSync(path, 'utf8');
    assert.doesNotMatch(source, evaluates, name);
    if (readability.test(path)) continue;
    const code = source.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');
    assert.doesNotMatch(code, sinks, name);
  }
  // The exemption is for Readability only, and it is still needed: if Readability stops
  // using innerHTML, docs/extension.md's sentence about it is stale.
  const bundled = readFileSync(join(extension, 'Readability.js'), 'utf8');
  assert.match(bundled, /innerHTML/, 'Readability.js no longer uses innerHTML: update docs/extension.md');
  assert.match(readFileSync(join(root, 'extension', 'content.js'), 'utf8'), /new Readability\(copy[,)]/, 'Readability reads a copy of the page');
  // The planted case: the grep finds what it looks for.
  assert.match('x = new Function("a", "return a")', evaluates);
  assert.match('el.innerHTML = s', sinks);
});

test('the article reads well: a 60–75 character measure, responsive, light and dark', async () => {
  const measure = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${server.origin}/tests/browser/fixtures/element.html`);
    await page.evaluate(() => { document.querySelector('lede-reader').src = '/web/articles/once-enemies.json'; });
    await waitState(page, 'ready');
    const m = await page.evaluate(() => {
      const root = document.querySelector('lede-reader').shadowRoot;
      const p = root.querySelector('.lede-body p');
      // Characters, not digits (`ch`): the paragraph's own text on one line gives the
      // average width of a character in this face.
      const line = document.createElement('span');
      line.textContent = p.textContent;
      line.style.setProperty('white-space', 'nowrap');
      p.append(line);
      const char = line.getBoundingClientRect().width / line.textContent.length;
      line.remove();
      const article = getComputedStyle(root.querySelector('article'));
      return {
        measure: p.getBoundingClientRect().width / char,
        overflow: document.documentElement.scrollWidth - innerWidth,
        bg: getComputedStyle(document.querySelector('lede-reader')).backgroundColor,
        fg: article.color,
      };
    });
    await context.close();
    return m;
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).map(Number).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };

  const desktop = await measure({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  assert.ok(desktop.measure >= 60 && desktop.measure <= 75, `measure is ${desktop.measure.toFixed(1)} characters`);
  assert.ok(luminance(desktop.bg) > 0.8, `light background ${desktop.bg}`);
  assert.ok(contrast(desktop.bg, desktop.fg) >= 7, `light contrast ${contrast(desktop.bg, desktop.fg).toFixed(2)}`);

  const phone = await measure({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
  assert.ok(phone.overflow <= 0, `the page scrolls sideways by ${phone.overflow}px on a phone`);
  assert.ok(luminance(phone.bg) < 0.05, `dark background ${phone.bg}`);
  assert.ok(contrast(phone.bg, phone.fg) >= 7, `dark contrast ${contrast(phone.bg, phone.fg).toFixed(2)}`);
});
