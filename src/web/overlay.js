// The overlay mode: the reader as a modal dialog over the page. Opening changes the page
// as little as it can (the focus, <html>'s overflow, `inert` on what lies beside the
// reader) and remembers how it was; closing puts each back exactly, so that a page an
// extension opened the reader on is left as it was found.

const DIALOG = { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'lede-title', 'aria-label': 'Article', tabindex: '-1' };
const FOCUSABLE = 'a[href],button,input,select,textarea,audio[controls],[tabindex="0"]';
const UNSEEN = /^(head|script|style|link|meta|template)$/;

function dialog({ frame, close }, open) {
  frame.dataset.mode = open ? 'overlay' : 'inline';
  for (const [k, v] of Object.entries(DIALOG)) if (open) frame.setAttribute(k, v); else frame.removeAttribute(k);
  close.hidden = !open;
}

// The page around `host` becomes inert (no focus, no clicks, out of the accessibility
// tree): each sibling of the host and of its ancestors, up through shadow roots, that
// was not inert already. Returns those it changed.
function inertAround(host) {
  const changed = [];
  for (let n = host, p; (p = n.parentNode)?.children; n = p.nodeType === 11 ? p.host : p) {
    for (const s of p.children) {
      if (s === n || s.hasAttribute('inert') || UNSEEN.test(s.localName)) continue;
      s.setAttribute('inert', '');
      changed.push(s);
    }
  }
  return changed;
}

// Makes the frame a dialog; returns what closeOverlay() needs to put the page back.
export function openOverlay(u, host) {
  dialog(u, true);
  const doc = host.ownerDocument;
  const html = doc.documentElement;
  let focused = doc.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  const [overflow, style] = [html.style.overflow, html.getAttribute('style')];
  html.style.overflow = 'hidden'; // the page does not scroll behind the overlay
  return [focused, overflow, style, html.style.cssText, inertAround(host)];
}

export function closeOverlay(u, doc, saved) {
  dialog(u, false);
  if (!saved) return;
  const [focused, overflow, style, ours, inert] = saved;
  for (const s of inert) s.removeAttribute('inert');
  const html = doc.documentElement;
  const untouched = html.style.cssText === ours; // the page left <html>'s style alone
  html.style.overflow = overflow;
  // The attribute as it was, byte for byte. Read first: Chromium writes a changed
  // inline style into the attribute lazily, and would write style="" back after the removal.
  const now = html.getAttribute('style');
  if (untouched ? now !== style : style === null && now === '') {
    if (style === null) html.removeAttribute('style');
    else html.setAttribute('style', style);
  }
  if (focused?.isConnected) focused.focus();
}

// Tab and Shift+Tab wrap around inside the dialog. True if it moved the focus.
export function keepFocusIn(root, e) {
  const all = [...root.querySelectorAll(FOCUSABLE)].filter((n) => !n.disabled && n.checkVisibility());
  const i = all.indexOf(root.activeElement);
  if (e.shiftKey ? i > 0 : i < all.length - 1 || i < 0) return false;
  (e.shiftKey ? all.at(-1) : all[0])?.focus();
  return true;
}
