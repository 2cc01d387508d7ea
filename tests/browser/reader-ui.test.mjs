// <lede-reader>'s reader interface, in each engine under the strict
// Content-Security-Policy Lede promises to work under: every toolbar control driven by
// the keyboard with its computed result checked, preferences kept across a reload,
// the table of contents, reading progress, overlay mode, print styles, mount() options,
// and axe-core with body-text contrast in every theme on three articles. Listening (the
// audio player, read-aloud) is listen.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engine, root } from './helpers.mjs';
import {
  ARABIC, RICH, SEED, THEMES, contrast, events, focused, look, open, readerPage, ready, speechStub, tabTo,
} from './reader-page.mjs';

const axeSource = readFileSync(`${root}/node_modules/axe-core/axe.min.js`, 'utf8');
const { origin } = readerPage();

test('every toolbar control works from the keyboard and changes what is computed', async () => {
  const { page, clean, close } = await open();
  const before = await look(page);
  assert.equal(before.theme, 'auto');
  assert.equal(before.fontSize, 18);

  // Tab order: the host's button, then the toolbar.
  assert.deepEqual(await tabTo(page, 'Aa Display'), ['Read in overlay', 'Aa Display']);
  await page.keyboard.press('Enter');
  const display = page.getByRole('button', { name: 'Aa Display' });
  assert.equal(await display.getAttribute('aria-expanded'), 'true');
  // Every control of the panel is reachable by Tab, in order, right after its button.
  assert.deepEqual(await tabTo(page, 'Reset'), ['Smaller', 'Larger', 'font', 'lineHeight', 'letterSpacing', 'wordSpacing', 'width', 'theme', 'Reset']);

  await page.keyboard.press('Shift+Tab'); // theme
  await page.keyboard.press('Shift+Tab'); // width
  await page.keyboard.press('Shift+Tab'); // wordSpacing
  await page.keyboard.press('Shift+Tab'); // letterSpacing
  await page.keyboard.press('Shift+Tab'); // lineHeight
  await page.keyboard.press('Shift+Tab'); // font
  await page.keyboard.press('Shift+Tab'); // Larger
  assert.equal(await focused(page), 'Larger');
  await page.keyboard.press('Enter');
  let now = await look(page);
  assert.equal(now.fontSize, 20);
  assert.equal(now.size, '20 px');
  await page.keyboard.press('Enter');
  assert.equal((await look(page)).fontSize, 22);
  await page.keyboard.press('Shift+Tab'); // Smaller
  await page.keyboard.press('Space');
  assert.equal((await look(page)).fontSize, 20);

  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // font
  assert.equal(await focused(page), 'font');
  await page.keyboard.press('ArrowDown'); // serif → sans
  now = await look(page);
  assert.match(now.fontFamily, /^system-ui/);

  await page.keyboard.press('Tab'); // line spacing
  await page.keyboard.press('ArrowDown'); // normal → loose
  assert.equal((await look(page)).lineHeight, 38); // 1.9 × 20px

  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // width
  const normalWidth = (await look(page)).width;
  await page.keyboard.press('ArrowUp'); // normal → narrow
  const narrowWidth = (await look(page)).width;
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown'); // → wide
  const wideWidth = (await look(page)).width;
  assert.ok(narrowWidth < normalWidth && normalWidth < wideWidth, `${narrowWidth} < ${normalWidth} < ${wideWidth}`);

  await page.keyboard.press('Tab'); // theme
  const seen = {};
  for (const theme of ['light', 'sepia', 'dark', 'contrast']) {
    await page.keyboard.press('ArrowDown');
    seen[theme] = await look(page);
    assert.equal(seen[theme].theme, theme);
  }
  assert.equal(seen.light.bg, 'rgb(255, 254, 251)');
  assert.equal(seen.sepia.bg, 'rgb(245, 236, 215)');
  assert.equal(seen.sepia.fg, 'rgb(46, 36, 24)');
  assert.equal(seen.dark.bg, 'rgb(22, 23, 26)');
  assert.equal(seen.contrast.bg, 'rgb(0, 0, 0)');
  assert.equal(seen.contrast.fg, 'rgb(255, 255, 255)');

  // Each choice fired lede-change with the preference and the whole set.
  const changes = await events(page, 'lede-change');
  assert.deepEqual(changes.map((c) => [c.name, c.value]), [
    ['fontSize', 20], ['fontSize', 22], ['fontSize', 20], ['font', 'sans'], ['lineHeight', 1.9],
    ['width', 'narrow'], ['width', 'normal'], ['width', 'wide'],
    ['theme', 'light'], ['theme', 'sepia'], ['theme', 'dark'], ['theme', 'contrast'],
  ]);
  assert.deepEqual(changes.at(-1).prefs, { theme: 'contrast', font: 'sans', fontSize: 20, lineHeight: 1.9, letterSpacing: null, wordSpacing: null, width: 'wide' });

  // Reset brings back the embedder's defaults; Escape closes the panel onto its button.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  now = await look(page);
  assert.deepEqual([now.theme, now.fontSize], ['auto', 18]);
  assert.deepEqual((await events(page, 'lede-change')).at(-1), { name: null, value: null, prefs: { theme: 'auto', font: 'serif', fontSize: null, lineHeight: null, letterSpacing: null, wordSpacing: null, width: 'normal' } });
  await page.keyboard.press('Escape');
  assert.equal(await focused(page), 'Aa Display');
  assert.equal(await display.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('lede-reader [part=settings]').isVisible(), false);

  await clean();
  await close();
});

test('the reader\'s choices persist across a reload, win over attributes, and stay out of the host page', async () => {
  const { page, context, clean, close } = await open({ theme: 'light', 'font-size': '16' });
  assert.deepEqual(await page.evaluate(() => events.filter((e) => e.type === 'lede-ready').length), 1);
  let now = await look(page);
  assert.deepEqual([now.theme, now.fontSize], ['light', 16]);
  const host = () => page.evaluate(() => ({
    html: document.documentElement.getAttribute('style'),
    sheets: document.styleSheets.length,
    head: document.head.children.length,
    fonts: [...document.fonts].length,
  }));
  const hostBefore = await host();

  await page.getByRole('button', { name: 'Aa Display' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Theme' }).focus();
  await page.keyboard.press('ArrowDown'); // light → sepia
  await page.keyboard.press('ArrowDown'); // → dark
  await page.getByRole('button', { name: 'Larger' }).focus();
  await page.keyboard.press('Enter'); // 16 → 18
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('lede:prefs'))), { theme: 'dark', fontSize: 18 });
  assert.deepEqual(await host(), hostBefore, 'nothing was added to the host page');

  await page.reload();
  await ready(page);
  now = await look(page);
  assert.deepEqual([now.theme, now.bg, now.fontSize], ['dark', 'rgb(22, 23, 26)', 18]);
  assert.equal(await page.evaluate(() => document.querySelector('lede-reader').shadowRoot.querySelector('select[name=theme]').value), 'dark');
  // The stored choice wins over the attribute; the attribute stays the embedder's.
  await page.evaluate(() => { document.querySelector('lede-reader').theme = 'sepia'; });
  assert.equal((await look(page)).theme, 'dark');
  assert.equal(await page.evaluate(() => document.querySelector('lede-reader').getAttribute('theme')), 'sepia');
  // A second page of the same site sees the same choices, and follows changes live;
  // so does a second reader on the same page.
  const other = await context.newPage();
  await other.goto(`${origin()}/tests/browser/fixtures/reader-ui.html?src=${RICH}`);
  await ready(other);
  assert.equal((await look(other)).theme, 'dark');
  const second = () => page.evaluate(() => document.querySelectorAll('lede-reader')[1].prefs.theme);
  await page.evaluate(async () => {
    const { mount } = await import('/web/lede.js');
    const target = document.body.appendChild(document.createElement('div'));
    await mount(target, { title: 'Second' }, { theme: 'light' });
  });
  assert.equal(await second(), 'dark');
  await page.evaluate(() => document.querySelector('lede-reader').resetPreferences());
  assert.equal((await look(page)).theme, 'sepia');
  assert.equal(await second(), 'light');
  assert.equal(await page.evaluate(() => document.querySelectorAll('lede-reader')[1].shadowRoot.querySelector('.lede-frame').dataset.theme), 'light');
  await other.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.querySelector('.lede-frame').dataset.theme === 'auto');
  await other.close();
  await clean();
  await close();
});

test('the readable face is Lede\'s own FontFace, loaded from the bundled woff2 only when chosen', async () => {
  const { page, clean, close } = await open();
  const fontRequests = [];
  page.on('request', (r) => r.url().includes('/fonts/') && fontRequests.push(new URL(r.url()).pathname));
  assert.equal(await page.evaluate(() => [...document.fonts].length), 0);
  await page.getByRole('button', { name: 'Aa Display' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Font' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // → readable
  // WebKit can resolve `document.fonts.ready` before the newly chosen face has begun to
  // load, so wait for a face to finish. Polling its status starts no load of its own, as
  // `document.fonts.load()` would: the face must load because the page uses it.
  await page.waitForFunction(() => [...document.fonts].some((f) => f.status === 'loaded'), null, { timeout: 10000 })
    .catch(() => {}); // the assertions below say what is missing
  const font = await page.evaluate(async () => {
    await document.fonts.ready;
    const root = document.querySelector('lede-reader').shadowRoot;
    return {
      family: getComputedStyle(root.querySelector('.lede-body p')).fontFamily,
      faces: [...document.fonts].map((f) => [f.family, f.weight, f.style]),
      loaded: [...document.fonts].filter((f) => f.status === 'loaded').length,
      check: document.fonts.check('16px "Lede Atkinson Hyperlegible"', 'a'),
    };
  });
  assert.match(font.family, /^"Lede Atkinson Hyperlegible"/);
  assert.equal(font.faces.length, 8);
  assert.ok(font.faces.every(([family]) => family === '"Lede Atkinson Hyperlegible"' || family === 'Lede Atkinson Hyperlegible'));
  assert.ok(font.loaded >= 1, 'a face loaded');
  assert.equal(font.check, true);
  assert.ok(fontRequests.includes('/web/fonts/atkinson-hyperlegible-latin-400-normal.woff2'), fontRequests.join());
  assert.ok(!fontRequests.some((u) => u.includes('latin-ext')), 'latin-ext is not needed for this English text');
  await clean();
  await close();
});

test('the table of contents jumps to its heading inside the shadow root: in view, focused, page URL unchanged', async () => {
  const { page, clean, close } = await open();
  const url = page.url();
  await page.locator('lede-reader .lede-toc a').nth(1).focus();
  await page.keyboard.press('Enter');
  const where = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const h = root.activeElement;
    const bar = root.querySelector('.lede-bar').getBoundingClientRect();
    const r = h.getBoundingClientRect();
    return { id: h.id, top: r.top, bottom: r.bottom, barBottom: bar.bottom, height: innerHeight };
  });
  assert.equal(where.id, 'lede-pakistan-china');
  assert.ok(where.top >= where.barBottom && where.bottom < where.height / 2, JSON.stringify(where));
  assert.equal(page.url(), url);
  // Tab goes on from the heading, not from the top of the page.
  const next = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const h = root.getElementById('lede-pakistan-china');
    return [...root.querySelectorAll('a[href], input, button')].find((el) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && el.checkVisibility());
  }).then(() => page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const h = root.getElementById('lede-pakistan-china');
    const el = [...root.querySelectorAll('a[href], input, button')].find((n) => h.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING && n.checkVisibility());
    return el.getAttribute('name') || el.textContent.trim().slice(0, 40);
  }));
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), next);
  await clean();
  await close();
});

test('the reading-progress bar follows the scroll, inline and in the overlay', async () => {
  const { page, clean, close } = await open();
  const progress = page.getByRole('progressbar', { name: 'Reading progress' });
  const value = async () => {
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    return Number(await progress.getAttribute('aria-valuenow'));
  };
  assert.equal(await value(), 0);
  await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
  const middle = await value();
  assert.ok(middle > 30 && middle < 70, `halfway down: ${middle}`);
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  assert.equal(await value(), 100);
  // The bar stays on screen (sticky) and its width follows the value.
  const bar = await progress.boundingBox();
  assert.ok(bar.y >= 0 && bar.y < 200);

  await page.evaluate(() => { scrollTo(0, 0); document.querySelector('lede-reader').mode = 'overlay'; });
  assert.equal(await value(), 0);
  await page.evaluate(() => { const f = document.querySelector('lede-reader').shadowRoot.querySelector('.lede-frame'); f.scrollTop = f.scrollHeight; });
  assert.equal(await value(), 100);
  await clean();
  await close();
});

test('overlay: covers the viewport, traps focus, Escape closes, focus returns, lede-close, the page is restored', async () => {
  const { page, clean, close } = await open({ mode: 'overlay', hidden: '' });
  const title = 'Once Enemies, US And Taliban Find Common Ground Against ISIS';
  const dialog = page.getByRole('dialog', { name: title.replace(/ (\S+)$/, '\u00a0$1') });
  assert.equal(await dialog.count(), 0);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Read in overlay');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.activeElement?.getAttribute('part') === 'close');
  assert.equal(await dialog.count(), 1);
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  // The viewport as the page has it: WebKit's MiniBrowser window is sometimes a few
  // pixels taller than the 1280×900 asked for.
  const box = await dialog.boundingBox();
  const viewport = await page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  assert.deepEqual(box, { x: 0, y: 0, ...viewport });
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflow), 'hidden');
  // Nothing of the host page is on top.
  assert.equal(await page.evaluate(() => document.elementFromPoint(20, 20).localName), 'lede-reader');

  // Shift+Tab from the first control goes round to the last; Tab from the last comes back.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'Listen');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'Aa Display');
  await page.keyboard.press('Shift+Tab');
  const last = await focused(page);
  assert.equal(await page.evaluate(() => document.activeElement.localName), 'lede-reader', `focus left the overlay for ${last}`);
  const lastLink = await page.evaluate(() => [...document.querySelector('lede-reader').shadowRoot.querySelectorAll('.lede-related a')].at(-1).textContent.trim().slice(0, 40));
  assert.equal(last, lastLink);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Aa Display');

  // The settings panel takes Escape first; then Escape closes the overlay.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  assert.equal(await dialog.count(), 1);
  await page.keyboard.press('Escape');
  assert.equal(await dialog.count(), 0);
  assert.equal(await focused(page), 'Read in overlay');
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('style')), null);
  assert.deepEqual(await events(page, 'lede-close'), [{}]);

  // Again, closed with the × button this time.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.activeElement?.getAttribute('part') === 'close');
  assert.equal(await page.getByRole('button', { name: 'Close', exact: true }).isVisible(), true);
  await page.keyboard.press('Enter');
  assert.equal(await dialog.count(), 0);
  assert.equal(await focused(page), 'Read in overlay');
  assert.equal((await events(page, 'lede-close')).length, 2);
  await clean();
  await close();
});

// WebKit's WebDriver can neither emulate print media nor print (README.md, "Engines").
const noPrint = engine === 'webkit' && 'WebKit\'s driver cannot emulate print media';
const noForcedColors = engine === 'webkit' && 'WebKit\'s driver cannot emulate forced colours';

test('print: no controls, link URLs shown, no breaks inside figures, tables or code, headings kept with what follows', { skip: noPrint }, async () => {
  const { page, clean, close } = await open({ src: RICH, theme: 'dark' });
  await page.emulateMedia({ media: 'print' });
  const print = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const q = (s) => root.querySelector(s);
    const link = [...root.querySelectorAll('.lede-body a')].find((a) => a.href.startsWith('https://'));
    return {
      bar: getComputedStyle(q('.lede-bar')).display,
      after: getComputedStyle(link, '::after').content,
      toc: getComputedStyle(q('.lede-toc a'), '::after').content,
      figure: getComputedStyle(q('.lede-body figure')).breakInside,
      pre: getComputedStyle(q('pre')).breakInside,
      table: getComputedStyle(q('table')).breakInside,
      h2: getComputedStyle(q('.lede-body h2')).breakAfter,
      fg: getComputedStyle(q('.lede-body p')).color,
    };
  });
  // Firefox gives the ::after content as written, attr() unresolved; the others resolve it.
  if (engine === 'firefox') assert.equal(print.after, '" (" attr(href) ")"');
  assert.deepEqual(print, {
    bar: 'none',
    after: engine === 'firefox' ? print.after : '" (https://harbour.example/tides)"',
    toc: 'none',
    figure: 'avoid',
    pre: 'avoid',
    table: 'avoid',
    h2: 'avoid',
    fg: 'rgb(0, 0, 0)', // dark theme or not, ink on paper
  });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
  await clean();
  await close();
});

test('attributes, properties and mount() options; no-toolbar keeps the native audio player', async () => {
  const { page, clean, close } = await open();
  const result = await page.evaluate(async () => {
    const { mount } = await import('/web/lede.js');
    const json = await (await fetch('/web/articles/once-enemies.json')).text();
    const target = document.createElement('section');
    document.body.append(target);
    const fired = [];
    target.addEventListener('lede-ready', (e) => fired.push(e.detail.prefs));
    await mount(target, json, { base: '/web/articles/once-enemies.json', theme: 'sepia', fontSize: 22, font: 'sans', width: 'narrow', toolbar: false });
    const el = target.querySelector('lede-reader');
    const root = el.shadowRoot;
    const p = getComputedStyle(root.querySelector('.lede-body p'));
    const out = {
      attrs: ['theme', 'font-size', 'font', 'width', 'no-toolbar'].map((a) => el.getAttribute(a)),
      props: [el.theme, el.fontSize, el.font, el.width, el.mode, el.toolbar],
      fontSize: p.fontSize,
      theme: root.querySelector('.lede-frame').dataset.theme,
      toolbar: root.querySelector('[part=toolbar]').checkVisibility(),
      nativeAudio: root.querySelector('.lede-listen audio').checkVisibility(),
      audio: root.querySelector('audio').src,
      ready: fired,
    };
    // The embedder restyles one theme through ::part(), and moves the sticky bar down.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('lede-reader::part(theme-sepia) { --lede-accent: rgb(1, 2, 3) } lede-reader { --lede-sticky-top: 40px }');
    document.adoptedStyleSheets = [sheet];
    out.parts = [getComputedStyle(root.querySelector('.lede-toc a')).color, getComputedStyle(root.querySelector('[part=bar]')).top, root.querySelector('.lede-frame').part.value];
    document.adoptedStyleSheets = [];
    el.toolbar = true;
    el.fontSize = 24;
    el.width = null;
    out.after = [el.hasAttribute('no-toolbar'), root.querySelector('[part=toolbar]').checkVisibility(), root.querySelector('.lede-listen').checkVisibility(),
      getComputedStyle(root.querySelector('.lede-body p')).fontSize, el.getAttribute('font-size'), el.hasAttribute('width'), el.width];
    target.remove();
    return out;
  });
  assert.deepEqual(result.attrs, ['sepia', '22', 'sans', 'narrow', '']);
  assert.deepEqual(result.props, ['sepia', 22, 'sans', 'narrow', 'inline', false]);
  assert.equal(result.fontSize, '22px');
  assert.equal(result.theme, 'sepia');
  assert.equal(result.toolbar, false);
  assert.equal(result.nativeAudio, true);
  assert.equal(result.audio, `${origin()}/web/articles/media/once-enemies-listen.wav`);
  assert.deepEqual(result.ready, [{ theme: 'sepia', font: 'sans', fontSize: 22, lineHeight: null, letterSpacing: null, wordSpacing: null, width: 'narrow' }]);
  assert.deepEqual(result.after, [false, true, false, '24px', '24', false, 'normal']);
  assert.deepEqual(result.parts, ['rgb(1, 2, 3)', '40px', 'frame theme-sepia']);
  await clean();
  await close();
});

test('axe-core: no violation in any theme on the seed, a long Arabic RTL article and tables, code and images; body text ≥ 7:1', async () => {
  const report = [];
  const contrasts = {};
  // The system's dark scheme is a page of its own, for 'auto' (every engine can set it
  // when a context starts; WebKit's driver cannot switch it in a page).
  for (const [name, src, scheme, themes] of [['seed', SEED, 'light', THEMES], ['arabic', ARABIC, 'light', THEMES], ['rich', RICH, 'light', THEMES],
    ['seed', SEED, 'dark', ['auto']], ['arabic', ARABIC, 'dark', ['auto']], ['rich', RICH, 'dark', ['auto']]]) {
    // axe adds <style> elements of its own, which the CSP would refuse.
    const { page, clean, close } = await open({ src }, { init: speechStub, noCSP: true, colorScheme: scheme });
    await page.evaluate(axeSource);
    for (const theme of themes) {
      await page.evaluate((t) => {
        const el = document.querySelector('lede-reader');
        el.theme = t;
        // The panels open, so that their controls are checked too.
        for (const act of ['display', 'listen']) {
          const b = el.shadowRoot.querySelector(`[data-act=${act}]`);
          if (b.getAttribute('aria-expanded') === 'false') b.click();
        }
      }, theme);
      const { violations, colors } = await page.evaluate(async () => {
        const root = document.querySelector('lede-reader').shadowRoot;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return {
          violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          colors: [getComputedStyle(root.querySelector('.lede-frame')).backgroundColor, getComputedStyle(root.querySelector('.lede-body p')).color],
        };
      });
      const label = `${name} ${theme}${theme === 'auto' ? `/${scheme}` : ''}`;
      report.push([label, violations]);
      const ratio = contrast(...colors);
      contrasts[label] = ratio.toFixed(2);
      assert.ok(ratio >= 7, `${label}: body text contrast ${ratio.toFixed(2)}`);
    }
    await clean();
    await close();
  }
  if (process.env.LEDE_REPORT) console.log(JSON.stringify({ report, contrasts }, null, 1));
  assert.deepEqual(report.filter(([, v]) => v.length), []);
});

test('forced colours: system colours in every theme', { skip: noForcedColors }, async () => {
  // Under forced colours Chromium forces every computed colour, whoever set it, so
  // comparing colours proves nothing. What only Lede's forced-colors block sets is
  // checked instead: its system-colour custom properties, and the progress bar, which
  // opts out of forcing (forced-color-adjust: none) to stay visible as Highlight.
  const { page, clean, close } = await open({}, { colorScheme: 'light' });
  await page.emulateMedia({ forcedColors: 'active' });
  for (const theme of THEMES) {
    const seen = await page.evaluate((t) => {
      const el = document.querySelector('lede-reader');
      el.setAttribute('theme', t);
      const root = el.shadowRoot;
      const frame = getComputedStyle(root.querySelector('.lede-frame'));
      const probe = document.createElement('div');
      probe.style.setProperty('forced-color-adjust', 'none');
      probe.style.setProperty('background-color', 'Highlight');
      document.body.append(probe);
      const highlight = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return {
        theme: root.querySelector('.lede-frame').dataset.theme,
        vars: ['--lede-bg', '--lede-fg', '--lede-accent'].map((v) => frame.getPropertyValue(v).trim()),
        bar: getComputedStyle(root.querySelector('.lede-progress > div')).backgroundColor === highlight,
      };
    }, theme);
    assert.deepEqual(seen, { theme, vars: ['Canvas', 'CanvasText', 'LinkText'], bar: true }, theme);
  }
  await page.emulateMedia({ forcedColors: 'none' });
  const normal = await page.evaluate(() =>
    getComputedStyle(document.querySelector('lede-reader').shadowRoot.querySelector('.lede-frame')).getPropertyValue('--lede-bg').trim());
  assert.notEqual(normal, 'Canvas', 'without forced colours the theme keeps its own colours');
  await clean();
  await close();
});

test('an RTL article mirrors: list indents, quote rule and the progress bar start on the right; dates in its language', async () => {
  const { page, clean, close } = await open({ src: ARABIC }, { viewport: { width: 900, height: 700 } });
  const rtl = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const css = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      dir: css('.lede').direction,
      list: [css('.lede-body ul, .lede-body ol').paddingRight, css('.lede-body ul, .lede-body ol').paddingLeft],
      quote: [css('.lede-body blockquote').borderRightWidth, css('.lede-body blockquote').borderLeftWidth],
      origin: parseFloat(css('.lede-progress > div').transformOrigin),
      width: root.querySelector('.lede-progress').getBoundingClientRect().width,
      date: root.querySelector('time.lede-published').textContent,
    };
  });
  assert.equal(rtl.dir, 'rtl');
  assert.ok(parseFloat(rtl.list[0]) > 0 && parseFloat(rtl.list[1]) === 0, `list padding right/left ${rtl.list}`);
  assert.ok(parseFloat(rtl.quote[0]) > 0 && parseFloat(rtl.quote[1]) === 0, `quote border right/left ${rtl.quote}`);
  assert.ok(Math.abs(rtl.origin - rtl.width) < 1, `progress grows from the right: origin ${rtl.origin} of ${rtl.width}`);
  // 2026-01-20 in Arabic, from Intl: the weekday and month are Arabic words, not "Tuesday, Jan".
  assert.match(rtl.date, /الثلاثاء/);
  assert.doesNotMatch(rtl.date, /Tuesday|Jan/);
  await clean();
  await close();
  const ltr = await open({}, { viewport: { width: 900, height: 700 } });
  const seed = await ltr.page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    return {
      origin: parseFloat(getComputedStyle(root.querySelector('.lede-progress > div')).transformOrigin),
      date: root.querySelector('time.lede-published').textContent,
    };
  });
  assert.deepEqual(seed, { origin: 0, date: 'Tuesday, Jan 27, 2026' }, 'an English article keeps the core\'s dateline');
  await ltr.clean();
  await ltr.close();
});

test('wide tables and code scroll inside their own box at phone width, and take the keyboard focus', async () => {
  const { page, clean, close } = await open({ src: RICH }, { viewport: { width: 360, height: 740 } });
  const boxes = await page.evaluate(() => {
    const root = document.querySelector('lede-reader').shadowRoot;
    const box = (el) => ({ scrolls: el.scrollWidth > el.clientWidth, tabIndex: el.tabIndex, overflowX: getComputedStyle(el).overflowX });
    return {
      // clientWidth, not innerWidth: Firefox counts its scroll bar in innerWidth.
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: box(root.querySelector('.lede-body table').closest('.lede-scroll')),
      pre: box(root.querySelector('.lede-body pre')),
    };
  });
  assert.equal(boxes.page, 0, 'the page itself never scrolls sideways');
  for (const name of ['table', 'pre']) {
    assert.equal(boxes[name].scrolls, true, `${name} is wider than its box`);
    assert.equal(boxes[name].tabIndex, 0, `${name} box is focusable`);
    assert.equal(boxes[name].overflowX, 'auto', `${name} box scrolls`);
  }
  await clean();
  await close();
});

test('a line spacing the menu does not offer is shown as a custom choice', async () => {
  const { page, clean, close } = await open({ 'line-height': '1.5' });
  const select = await page.evaluate(() => {
    const s = document.querySelector('lede-reader').shadowRoot.querySelector('select[name=lineHeight]');
    return { value: s.value, index: s.selectedIndex, text: s.selectedOptions[0]?.textContent };
  });
  assert.equal(select.value, '1.5');
  assert.ok(select.index >= 0);
  assert.match(select.text, /1\.5/);
  await clean();
  await close();
});
