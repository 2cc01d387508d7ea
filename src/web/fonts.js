// @font-face does not reach into shadow roots: the readable face is added to the
// document's fonts, under a name of Lede's own, once someone chooses it.
let readable = false;
export function loadReadableFont(doc) {
  if (readable || !doc.fonts) return;
  readable = true;
  const latin = 'U+0-FF,U+131,U+152-153,U+2000-206F,U+20AC,U+2122,U+2212';
  const latinExt = 'U+100-2FF,U+1D00-1DBF,U+1E00-1EFF,U+20A0-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF';
  // Each file by its full name, as new URL('./literal', import.meta.url), so that
  // bundlers find it (see core.js).
  for (const [url, unicodeRange, weight, style] of [
    [new URL('./fonts/atkinson-hyperlegible-latin-400-normal.woff2', import.meta.url), latin, '400', 'normal'],
    [new URL('./fonts/atkinson-hyperlegible-latin-400-italic.woff2', import.meta.url), latin, '400', 'italic'],
    [new URL('./fonts/atkinson-hyperlegible-latin-700-normal.woff2', import.meta.url), latin, '700', 'normal'],
    [new URL('./fonts/atkinson-hyperlegible-latin-700-italic.woff2', import.meta.url), latin, '700', 'italic'],
    [new URL('./fonts/atkinson-hyperlegible-latin-ext-400-normal.woff2', import.meta.url), latinExt, '400', 'normal'],
    [new URL('./fonts/atkinson-hyperlegible-latin-ext-400-italic.woff2', import.meta.url), latinExt, '400', 'italic'],
    [new URL('./fonts/atkinson-hyperlegible-latin-ext-700-normal.woff2', import.meta.url), latinExt, '700', 'normal'],
    [new URL('./fonts/atkinson-hyperlegible-latin-ext-700-italic.woff2', import.meta.url), latinExt, '700', 'italic'],
  ]) {
    doc.fonts.add(new FontFace('Lede Atkinson Hyperlegible', `url("${url}")`, { weight, style, unicodeRange, display: 'swap' }));
  }
}

// The core writes dates in English ("Tuesday, Jan 27, 2026"), as the seed page did; the
// reader shows them in the article's language from the browser's own locale data. The
// day stays the one written in datetime: no time zone moves it.
