// Floor b of the benchmark pages (bench.mjs, compare.mjs): the op-stream decoded once
// into a flat list ahead of time, then replayed as buildFragment() replays it, so that a
// row shows what building the DOM alone costs.
const OP_OPEN = 1, OP_CLOSE = 2, OP_TEXT = 3, OP_ATTR = 4, OP_WIDE = 128;

/** An op-stream (renderOps()) decoded once into a flat JS program. */
export function program({ ops, strings, wide = '', tags, attrs }) {
  const prog = [];
  let pos = 0;
  let end = wide.length;
  const next = (op, n) => (op & OP_WIDE ? wide.slice((end -= n), end + n) : strings.slice(pos, (pos += n)));
  for (let i = 0; i < ops.length; ) {
    const op = ops[i++];
    switch (op & 0x7f) {
      case OP_OPEN: prog.push(OP_OPEN, tags[op >>> 8]); break;
      case OP_CLOSE: prog.push(OP_CLOSE); break;
      case OP_TEXT: prog.push(OP_TEXT, next(op, ops[i++])); break;
      case OP_ATTR: prog.push(OP_ATTR, attrs[(op & ~OP_WIDE) >>> 8], next(op, ops[i++])); break;
      default: throw new Error(`bad op ${op}`);
    }
  }
  // Flat, independent strings (not slices of one decoded buffer), as a list prepared
  // ahead of time would hold them.
  return JSON.parse(JSON.stringify(prog));
}

// As buildFragment() does: the nodes made in the page's inert template document, the
// fragment adopted into the page at the end (inPage: made in the page itself, as before
// stop 13, for the row that shows the difference).
export function replay(prog, inPage = false) {
  const doc = inPage ? document : document.createElement('template').content.ownerDocument;
  const fragment = doc.createDocumentFragment();
  let parent = fragment;
  for (let i = 0; i < prog.length; ) {
    switch (prog[i++]) {
      case OP_OPEN: { const el = doc.createElement(prog[i++]); parent.appendChild(el); parent = el; break; }
      case OP_CLOSE: parent = parent.parentNode; break;
      case OP_TEXT: parent.appendChild(doc.createTextNode(prog[i++])); break;
      case OP_ATTR: parent.setAttribute(prog[i++], prog[i++]); break;
    }
  }
  return inPage ? fragment : document.adoptNode(fragment);
}
