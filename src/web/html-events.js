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

// What gumbo reads as U+FFFD and a browser's DOM keeps as it is: controls but tab, LF, FF
// and CR, C1 controls and noncharacters (an astral one is a pair whose high half ends in
// 0x3F). One U+FFFD each, so that a walked DOM renders as its HTML string does (CR and NUL
// are the core's: text gets LF and U+FFFD for them as the string's does).
const NOT_KEPT = /[\x01-\x08\x0B\x0E-\x1F\x7F-\x9F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F-\uDBFF][\uDFFE\uDFFF]/g;
const notKept = (c) => (c.length > 1 && (c.charCodeAt(0) & 63) < 63 ? c : '\uFFFD');

// Bytes go through a plain array: every page downloads this, and one article's events take
// a few milliseconds (the 130 Readability outputs, 2.5 MB, 200–300 ms in Chromium here; a
// Uint8Array written in place took 90–180 ms for 135 B more gzipped).
export function encodeHtmlEvents(list) {
  if (list instanceof Uint8Array) return list; // the byte form already
  const out = [];
  const varint = (v) => {
    for (; v > 127; v >>>= 7) out.push((v & 127) | 128);
    out.push(v);
  };
  // TextEncoder writes a lone surrogate as U+FFFD, as the core would read it.
  const string = (s) => {
    const bytes = utf8.encode((typeof s === 'string' ? s : String(s ?? '')).replace(NOT_KEPT, notKept));
    varint(bytes.length);
    for (const b of bytes) out.push(b);
  };
  for (const e of Array.isArray(list) ? list : []) {
    if (!Array.isArray(e)) continue;
    if (e[0] === 1) {
      const attrs = Array.isArray(e[3]) ? e[3] : [];
      // The name as a string (tag 0): the core finds its tag.
      out.push(1, 0);
      string(e[1]);
      out.push(e[2] === 1 || e[2] === 2 ? e[2] : 0);
      varint(attrs.length >>> 1);
      for (let i = 0; i + 1 < attrs.length; i += 2) {
        string(attrs[i]);
        string(attrs[i + 1]);
      }
    } else if (e[0] === 2) {
      out.push(2);
      string(e[1]);
    } else if (e[0] === 3) {
      out.push(3);
    }
  }
  return new Uint8Array(out);
}
