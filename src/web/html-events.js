// HTML events (docs/html-events.md) from JavaScript: the arrays a DOM walk makes (the
// extension's content script walks Readability's result, extension/walk.js) → their byte
// form, which the core's tree builder reads as it reads any HTML parser's events. The
// arrays cross JSON messages as they are; the bytes are written once, here.
//   element opens: [1, name, namespace (0 HTML, 1 SVG, 2 MathML), [name, value, name, value, …]]
//   text:          [2, data]
//   close:         [3]
// Anything else is skipped, and a malformed event is written as well as it can be: one
// bad event never costs the article (the core balances opens and closes itself).

const utf8 = new TextEncoder();

export function encodeHtmlEvents(list) {
  if (list instanceof Uint8Array) return list; // the byte form already
  let out = new Uint8Array(1024);
  let at = 0;
  const room = (n) => {
    if (at + n <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, at + n));
    bigger.set(out.subarray(0, at));
    out = bigger;
  };
  const byte = (b) => {
    room(1);
    out[at++] = b;
  };
  const varint = (v) => {
    room(5);
    while (v >= 0x80) {
      out[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out[at++] = v;
  };
  // UTF-8 takes at most 3 bytes per UTF-16 code unit; TextEncoder writes a lone
  // surrogate as U+FFFD, as the core would read it.
  const string = (value) => {
    const s = typeof value === 'string' ? value : String(value ?? '');
    room(5 + s.length * 3);
    const start = at + (s.length < 0x80 / 3 ? 1 : 5);
    const { written } = utf8.encodeInto(s, out.subarray(start));
    if (start === at + 1) {
      out[at++] = written;
    } else {
      // The length took fewer than 5 bytes: the text moves up to meet it.
      varint(written);
      out.copyWithin(at, start, start + written);
    }
    at += written;
  };
  for (const e of Array.isArray(list) ? list : []) {
    if (!Array.isArray(e)) continue;
    if (e[0] === 1) {
      const attrs = Array.isArray(e[3]) ? e[3] : [];
      byte(1);
      varint(0); // the name as a string: the core finds its tag
      string(e[1]);
      byte(e[2] === 1 || e[2] === 2 ? e[2] : 0);
      varint(attrs.length >>> 1);
      for (let i = 0; i + 1 < attrs.length; i += 2) {
        string(attrs[i]);
        string(attrs[i + 1]);
      }
    } else if (e[0] === 2) {
      byte(2);
      string(e[1]);
    } else if (e[0] === 3) {
      byte(3);
    }
  }
  return out.slice(0, at);
}
