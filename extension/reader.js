// Lede Reader's reader page (reader.html), in the iframe that the content script puts
// over the tab. It asks the content script of its tab (through the background, which
// renders the article on the way) what to show: the article as Lede's op-stream, shown
// by <lede-reader> in overlay mode, or a notice ("This page doesn't look like an
// article"); it says when it is shown and when to close. The tab's page sees an iframe of
// another origin: it cannot read or change this document, and this document's events and
// keys never reach it. docs/extension.md
import { buildFragment, setPreferenceStore } from './lede.js';

// The name the content script gave this frame, in its URL's fragment.
const name = location.hash.slice(1);

// A request to the content script in this tab's top frame, relayed by the background
// (background.js): an extension frame in a web page has no tabs API in Firefox. Resolves
// to the content script's answer; rejects once the content script is gone.
const ask = (request) => chrome.runtime.sendMessage({ type: 'lede:frame', name, request });
const tell = (request) => ask(request).catch(() => {});

let prefs = {}; // the reader's choices, as kept in chrome.storage.sync

// The choices live in chrome.storage.sync, not in this page's localStorage: they follow
// the reader to every site (and, signed in, to other browsers).
async function loadPreferences() {
  const saved = (await chrome.storage.sync.get('prefs')).prefs;
  prefs = saved && typeof saved === 'object' ? saved : {};
  const changed = setPreferenceStore({
    get: () => prefs,
    set(next) {
      prefs = next;
      // Over sync's write quota the choice still holds in this reader.
      chrome.storage.sync.set({ prefs: next }).catch(() => {});
    },
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' || !changes.prefs) return;
    prefs = changes.prefs.newValue ?? {};
    changed(); // a choice made in another tab
  });
}

// Escape closes the reader on its keydown. The frame goes once every key held here is
// released: else the keyup would go to the page, which is not to hear the reader's keys.
const held = new Set();
let closing = null;
addEventListener('keydown', (e) => held.add(e.code), true);
addEventListener('keyup', (e) => {
  held.delete(e.code);
  if (!held.size && closing) closeNow();
}, true);
addEventListener('blur', () => held.clear());
function closeNow() {
  clearTimeout(closing);
  closing = null;
  tell({ type: 'close' });
}
function requestClose() {
  if (!held.size) closeNow();
  else closing ??= setTimeout(closeNow, 1000); // a keyup that never comes
}

function show(message) {
  if (message?.type === 'article') showReader(message);
  else if (message?.type === 'notice') showNotice(message.text, message.offerTry, message.kind);
}

// The op-stream → DOM (createElement and setAttribute from the core's allowlist), with the
// article's relative URLs resolved against the page's.
function showReader(stream) {
  let fragment;
  try {
    fragment = buildFragment(stream, { base: stream.base });
  } catch (e) {
    showNotice(`Lede could not show this page: ${e.message}`, false, 'error');
    return;
  }
  document.body.className = '';
  const reader = document.createElement('lede-reader');
  reader.setAttribute('mode', 'overlay');
  reader.addEventListener('lede-ready', () => tell({ type: 'shown', kind: 'article' }), { once: true });
  reader.addEventListener('lede-close', requestClose);
  document.body.replaceChildren(reader);
  reader.showFragment(fragment);
}

// A small dialog in the corner of the tab; the content script sizes the frame to it.
function showNotice(text, offerTry, kind = 'notice') {
  document.body.className = 'notice-page';
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) node.setAttribute(k, v);
    node.append(...children);
    return node;
  };
  const tryIt = offerTry && el('button', { type: 'button', 'data-act': 'try' }, 'Try anyway');
  const close = el('button', { type: 'button', 'data-act': 'close' }, 'Close');
  const box = el('div', { class: 'notice', role: 'alertdialog', 'aria-labelledby': 'lede-notice' },
    el('p', { id: 'lede-notice' }, text),
    el('div', { class: 'row' }, ...(tryIt ? [tryIt] : []), close));
  box.addEventListener('click', (e) => {
    const act = e.target.closest?.('[data-act]')?.dataset.act;
    if (act === 'close') requestClose();
    if (act === 'try') ask({ type: 'try' }).then(show, () => {});
  });
  document.body.replaceChildren(box);
  (tryIt || close).focus();
  tell({ type: 'shown', kind, height: noticeHeight() });
}

// The notice's height, for the frame around it, again whenever it changes (a font loading,
// the text wrapping differently).
const noticeHeight = () => Math.ceil(document.body.getBoundingClientRect().height);
new ResizeObserver(() => {
  if (document.body.className === 'notice-page') tell({ type: 'size', height: noticeHeight() });
}).observe(document.body);

// Escape closes the notice; in the reader, <lede-reader> handles it (and marks it handled)
// wherever the focus is inside it, this covers the rest of the page.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || e.defaultPrevented || !document.body.firstChild) return;
  e.preventDefault();
  requestClose();
});

// What to show: the content script answers once Readability has run.
if (name) Promise.all([loadPreferences(), ask({ type: 'hello' })]).then(([, message]) => show(message), () => {});
