// Lede Reader's background: the Chromium service worker, or Firefox's background page
// (the same file, as "background.scripts"). It injects Readability and the content
// script into the tab when the button or the shortcut is pressed, carries the reader's
// frame's requests to that content script, and renders the article on the way: Lede's
// wasm runs here, under the extension's CSP. The reader itself is reader.html, in a
// frame over the page. docs/extension.md
import { createReader } from './lede.js';

const READER_URL = chrome.runtime.getURL('reader.html');

// The core, with lede-html.wasm: Readability gives HTML. Loaded when the button is
// pressed, while the tab runs Readability and loads the reader's frame; again after the
// browser has stopped an idle service worker. Of the on-demand modules only gumbo's: the
// body comes as HTML events, but a title Readability leaves as HTML may need its lenient
// reader; an article is never a feed nor Markdown.
let reader = null;
function core() {
  if (!reader) {
    reader = createReader({ html: true, modules: ['gumbo'] });
    reader.catch(() => (reader = null)); // a failed start may be tried again
  }
  return reader;
}

// The content script's article → the op-stream the frame builds the DOM from (messages
// are JSON in Chromium: the body comes as HTML events in arrays, walk.js, and the ops go
// as a plain array). A failure is a notice.
async function render(message) {
  if (message?.type !== 'article') return message;
  try {
    const { ops, strings, wide, tags, attrs } = (await core()).renderOps(message.article, { bodyEvents: message.events });
    return { type: 'article', ops: Array.from(ops), strings, wide, tags, attrs, base: message.base };
  } catch (e) {
    return { type: 'notice', kind: 'error', text: `Lede could not show this page: ${e.message}`, offerTry: false };
  }
}

const CONTENT = ['Readability-readerable.js', 'Readability.js', 'walk.js', 'content.js'];

/**
 * What the toolbar button and the keyboard shortcut do: injects the content script into
 * the tab (once per page), which extracts the article from a copy of the page and shows
 * it in the reader's frame. Resolves to what the tab shows: 'article', 'not-article',
 * 'error', 'closed' (it was open: the button toggles) or 'blocked' (no frame could open).
 */
async function ledeOpen(tabId) {
  core().catch(() => {}); // a failure shows when the article is rendered
  const target = { tabId };
  const [{ result: ready }] = await withAccess(() => chrome.scripting.executeScript({ target, func: () => !!globalThis.ledeContent }));
  if (!ready) await chrome.scripting.executeScript({ target, files: CONTENT });
  const [{ result }] = await chrome.scripting.executeScript({ target, func: () => globalThis.ledeContent.open() });
  if (result === 'blocked') throw new Error('the reader\u2019s frame did not open on this page');
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

// The reader's frame asks the content script of its tab (the top frame) for the article
// and tells it when it is shown or closed. An extension frame in a web page has no tabs
// API in Firefox, so it cannot reach the content script itself; one-off messages, not a
// long-lived port, so that nothing breaks when an idle service worker is stopped.
chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (message?.type !== 'lede:frame' || !sender.tab || !sender.url?.startsWith(READER_URL)) return false;
  const { name, request } = message;
  chrome.tabs
    .sendMessage(sender.tab.id, { type: 'lede:frame', name, frameId: sender.frameId, request }, { frameId: 0 })
    .then(render)
    .then(reply, () => reply(null));
  return true; // the reply comes later
});
