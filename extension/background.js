// Lede Reader's background: the Chromium service worker, or Firefox's background page
// (the same file, as "background.scripts"). It is the only place where Lede's wasm runs:
// the extension's own CSP allows 'wasm-unsafe-eval', a page's CSP may not, and a content
// script is bound by the page's. docs/extension.md
import { createReader } from './lede.js';

// The core, with lede-html.wasm: Readability gives HTML. Loaded on the first article,
// again after the browser has stopped an idle service worker.
let reader = null;
function core() {
  if (!reader) {
    reader = createReader({ html: true });
    reader.catch(() => (reader = null)); // a failed start may be tried again
  }
  return reader;
}

const CONTENT = ['Readability-readerable.js', 'Readability.js', 'content.js'];

/**
 * What the toolbar button and the keyboard shortcut do: injects the content script into
 * the tab (once per page), which extracts the article from a copy of the page, asks for
 * it to be rendered (the message below) and shows the overlay. Resolves to what the tab
 * shows: 'article', 'not-article' or 'error'.
 */
async function ledeOpen(tabId) {
  const target = { tabId };
  const [{ result: ready }] = await withAccess(() => chrome.scripting.executeScript({ target, func: () => !!globalThis.ledeContent }));
  if (!ready) await chrome.scripting.executeScript({ target, files: CONTENT });
  const [{ result }] = await chrome.scripting.executeScript({ target, func: () => globalThis.ledeContent.open() });
  return result;
}
globalThis.ledeOpen = ledeOpen;

// Right after a click that follows a navigation, Chromium sometimes refuses the first
// injection ("Cannot access contents of the page") and allows it a moment later: the
// activeTab grant has not reached the page yet. Seen here about one time in five with
// the button pressed through the DevTools protocol; a page that is really out of reach
// still fails, after half a second.
async function withAccess(inject) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inject();
    } catch (e) {
      if (attempt === 6 || !/Cannot access contents of the page/.test(e.message)) throw e;
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
}

// On a page the extension may not touch (the browser's own pages, the web store, a PDF
// viewer) the button says so in its tooltip and badge instead of doing nothing.
chrome.action.onClicked.addListener((tab) => {
  ledeOpen(tab.id).catch((e) => {
    console.warn(`Lede: cannot read this tab: ${e.message}`);
    chrome.action.setBadgeText({ tabId: tab.id, text: '!' });
    chrome.action.setTitle({ tabId: tab.id, title: `Lede cannot read this page: ${e.message}` });
  });
});

// Readability's result from a content script → the op-stream it builds the DOM from.
// Messages are JSON in Chromium: the ops go as a plain array.
chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (message?.type !== 'lede:render' || !sender.tab) return false;
  core()
    .then((r) => {
      const { ops, strings, tags, attrs } = r.renderOps(message.article);
      reply({ ops: Array.from(ops), strings, tags, attrs });
    })
    .catch((e) => reply({ error: e.message, code: e.code ?? 'error' }));
  return true; // the reply comes later
});
