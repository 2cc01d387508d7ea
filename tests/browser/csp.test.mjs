// Lede under the strictest Content-Security-Policy a page can have while running
// WebAssembly, with Trusted Types enforced and no policy allowed:
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval';
//   require-trusted-types-for 'script'; trusted-types 'none'
// <lede-reader src> renders the seed article and createReader().render() works, with no
// securitypolicyviolation event and no console error. Without 'wasm-unsafe-eval' the
// element shows its error state with a message that names what is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engine, launch, startServer, openPage } from './helpers.mjs';

const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; trusted-types 'none'";
const NO_WASM = "default-src 'self'; script-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'";
const TITLE = 'Once Enemies, US And Taliban Find Common Ground Against ISIS';

let browser, server;

before(async () => {
  browser = await launch();
  server = await startServer({
    headers: (pathname) => {
      if (pathname === '/tests/browser/fixtures/csp.html') return { 'content-security-policy': STRICT };
      if (pathname === '/tests/browser/fixtures/csp-no-wasm.html') return { 'content-security-policy': NO_WASM };
      return {};
    },
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Records violations and Lede's events from the very start, before any page script.
async function open(path) {
  const { page, problems } = await openPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} blocked=${e.blockedURI} sample=${e.sample}`);
    });
    for (const type of ['lede-loaded', 'lede-error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, error: e.detail.error?.message ?? null }));
    }
  });
  await page.goto(`${server.origin}${path}`);
  // Polls with page.evaluate: nothing here needs eval on the page.
  const state = async () => page.evaluate(() => document.querySelector('lede-reader')?.getAttribute('state'));
  for (let i = 0; i < 200 && !['ready', 'error'].includes(await state()); i++) await page.waitForTimeout(25);
  return { page, problems, state: await state() };
}

test('strict CSP + Trusted Types: <lede-reader src> and createReader().render() work, with no violation and no console error', async () => {
  const { page, problems, state } = await open('/tests/browser/fixtures/csp.html');
  assert.equal(state, 'ready');
  const result = await page.evaluate(async () => {
    const el = document.querySelector('lede-reader');
    const content = el.shadowRoot.querySelector('[part=content]');
    return {
      api: await window.cspResult,
      elementH1: content.querySelector('h1')?.textContent,
      paragraphs: content.querySelectorAll('.lede-body > p').length,
      statusHidden: el.shadowRoot.querySelector('[part=status]').hidden,
      events: window.__events,
      violations: window.__violations.slice(),
    };
  });
  assert.equal(result.elementH1.replace(/\u00a0/g, ' '), TITLE);
  assert.ok(result.paragraphs > 10);
  assert.equal(result.statusHidden, true);
  assert.deepEqual({ ...result.api, h1: result.api.h1.replace(/\u00a0/g, ' ') }, { ok: true, h1: TITLE, htmlBytes: result.api.htmlBytes });
  assert.ok(result.api.htmlBytes > 10000);
  assert.deepEqual(result.events, [{ type: 'lede-loaded', error: null }]);
  assert.deepEqual(result.violations, []);
  // Chromium's media stack may cancel its own range request for the audio: not an error.
  assert.deepEqual(problems.filter((p) => !/^requestfailed: \S+\.wav net::ERR_ABORTED$/.test(p)), []);

  // The policy is really in force: the page may not use an HTML sink nor load an image
  // from elsewhere, and the violation listener sees both (so its silence above means
  // something). (eval cannot be the canary: code evaluated by the test driver is exempt.)
  const canary = await page.evaluate(() => {
    let sink;
    try {
      document.getElementById('host').innerHTML = '<b>x</b>';
      sink = 'assigned';
    } catch (e) {
      sink = e.name;
    }
    document.body.append(Object.assign(document.createElement('img'), { src: 'http://elsewhere.invalid/x.png' }));
    return sink;
  });
  assert.equal(canary, 'TypeError');
  await page.waitForFunction(() => window.__violations.length >= 2);
  const after = await page.evaluate(() => window.__violations);
  assert.ok(after.some((v) => v.startsWith('require-trusted-types-for')), after.join('\n'));
  assert.ok(after.some((v) => v.startsWith('img-src') && v.includes('elsewhere.invalid')), after.join('\n'));
  await page.close();
});

test("without 'wasm-unsafe-eval' the element shows a visible error that says what the policy lacks", async () => {
  const { page, problems, state } = await open('/tests/browser/fixtures/csp-no-wasm.html');
  assert.equal(state, 'error');
  const reader = page.getByTestId('reader');
  const status = reader.locator('[part=status]');
  assert.equal(await status.isVisible(), true);
  const text = await status.innerText();
  assert.match(text, /This article could not be shown\./);
  assert.match(text, /'wasm-unsafe-eval'/);
  assert.equal(await status.getAttribute('role'), 'alert');
  assert.equal(await reader.locator('[part=retry]').isVisible(), true);

  const result = await page.evaluate(async () => ({ api: await window.cspResult, events: window.__events, violations: window.__violations }));
  assert.equal(result.api.ok, false);
  assert.equal(result.api.name, 'LedeError');
  assert.equal(result.api.code, 'wasm');
  assert.match(result.api.message, /Content-Security-Policy must allow 'wasm-unsafe-eval'/);
  assert.equal(result.events.length, 1);
  assert.equal(result.events[0].type, 'lede-error');
  assert.match(result.events[0].error, /'wasm-unsafe-eval'/);
  // The browser reports the refused compilation (WebKitGTK 2.50 refuses it without a
  // securitypolicyviolation event); nothing else goes wrong.
  assert.ok(result.violations.length >= (engine === 'webkit' ? 0 : 1) && result.violations.every((v) => v.startsWith('script-src') && v.includes('blocked=wasm-eval')), result.violations.join('\n'));
  assert.ok(problems.every((p) => /WebAssembly|wasm|Content Security Policy/i.test(p)), problems.join('\n'));
  await page.close();
});
