// The op-stream decoder: replays what the core wrote (src/output/op_writer.hpp) as DOM,
// with createElement / createTextNode / setAttribute only. It needs no wasm, so an
// extension can render in one context and build the DOM in another.
import { LedeError } from './errors.js';
// The op codes, from the table op_writer.hpp writes them by (src/interface.def).
import { OP_OPEN, OP_CLOSE, OP_TEXT, OP_ATTR, OP_WIDE } from 'lede:interface';

// The schemes the core lets through (src/tree/url_policy.cpp). A relative URL resolved
// against the base must still have one of them.
const SCHEMES = /^(https?|mailto|tel):$/;

// Made once, not per call: a page's inert template document, and which of a core's
// attributes hold URLs (the tables are the core's own arrays, the same on every call).
const inert = new WeakMap();
const urlAttrsOf = new WeakMap();

/**
 * Replays an op-stream ({ ops, strings, wide, tags, attrs } from renderOps(); ops may be a
 * plain array after a message channel) into a DocumentFragment, without wasm: an extension
 * renders in its own context and builds the DOM in the page. tags and attrs must be the
 * core's own tables: they are the allowlist.
 */
export function buildFragment({ ops, strings, wide = '', tags, attrs }, { document: page = globalThis.document, base } = {}) {
  // The nodes are made in the page's inert template document, then adopted into the page
  // in one call. Made in the page itself, every element costs more and an <img> starts its
  // loader at setAttribute('src') (docs/performance.md). Adopted before returning, not when
  // the page appends: a media element left in the inert document past this task gives up
  // on its source for good.
  let doc = inert.get(page);
  if (!doc) inert.set(page, (doc = page.createElement('template').content.ownerDocument));
  let urlAttrs = base && urlAttrsOf.get(attrs);
  if (base && !urlAttrs) urlAttrsOf.set(attrs, (urlAttrs = attrs.map((a) => a === 'href' || a === 'src' || a === 'action')));
  // The DOM's own methods, called on each node: `parent.appendChild(…)` would look the
  // method up on a fragment and on elements of some thirty classes, and V8's lookup at
  // that one place in the code, serving many shapes, costs more than the call
  // (docs/performance.md, "Stop 34").
  const { appendChild } = Node.prototype;
  const { setAttribute } = Element.prototype;
  const fragment = doc.createDocumentFragment();
  let parent = fragment;
  // The open elements' parents, kept here: each parentNode read is a call into the DOM.
  const open = [];
  // Whether `parent` was opened and has no child yet: its one text child, the most common
  // shape (<a>, <em>, <code>, <li>…), is then set as textContent, one DOM call instead of
  // createTextNode + appendChild, for the same tree.
  let empty = false;
  // The ASCII strings in order from the front of `strings`, the others from the end of
  // `wide` back (op_writer.hpp).
  let pos = 0;
  let end = wide.length;
  for (let i = 0; i < ops.length; ) {
    const op = ops[i++];
    switch (op & (OP_WIDE - 1)) {
      case OP_OPEN: {
        const el = doc.createElement(tags[op >>> 8]);
        appendChild.call(parent, el);
        open.push(parent);
        parent = el;
        empty = true;
        break;
      }
      case OP_CLOSE:
        parent = open.pop();
        empty = false;
        break;
      case OP_TEXT: {
        const n = ops[i++];
        const text = op & OP_WIDE ? wide.slice((end -= n), end + n) : strings.slice(pos, (pos += n));
        // (An empty textContent would add no node at all.)
        if (empty && n && ops[i] === OP_CLOSE) parent.textContent = text;
        else appendChild.call(parent, doc.createTextNode(text));
        empty = false;
        break;
      }
      case OP_ATTR: {
        const a = (op & ~OP_WIDE) >>> 8;
        const n = ops[i++];
        let value = op & OP_WIDE ? wide.slice((end -= n), end + n) : strings.slice(pos, (pos += n));
        // Relative URLs in an article mean "relative to the article", not to the page
        // that shows it. In-page anchors stay as they are. A URL that cannot be resolved
        // (http://, a port past 65535) is dropped as the core drops a refused one: the
        // element and its text stay, one bad link never costs the article.
        if (base && urlAttrs[a] && value[0] !== '#') {
          value = resolve(value, base);
          if (value === null) break;
        }
        setAttribute.call(parent, attrs[a], value);
        break;
      }
      default:
        throw new LedeError(`Corrupt operation ${op} at ${i - 1}`, { code: 'internal' });
    }
  }
  return page.adoptNode(fragment);
}

function resolve(value, base) {
  let url = null;
  try {
    url = new URL(value, base);
  } catch {}
  if (url && SCHEMES.test(url.protocol)) return url.href;
  console.warn('Lede: dropped a URL that cannot be resolved:', value);
  return null;
}
