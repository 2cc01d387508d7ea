// Lede's browser shell, the entry point that `web/lede.js` is bundled from (esbuild, then
// terser: scripts/minify-web.mjs). It loads the wasm core once, hands it article JSON, and
// replays the DOM operations the core returns with createElement / createTextNode /
// setAttribute. No innerHTML and no eval anywhere, so it works under the strictest
// Content-Security-Policy, with Trusted Types enforced, and in Manifest V3 extensions.
// Everything about what an article looks like is decided in C++.
//
// One idea a module:
//   errors.js       LedeError
//   core.js         the wasm loader and the calls into the core
//   ops.js          buildFragment(): the op-stream replayed as DOM
//   api.js          createReader(), mount()
//   element.js      <lede-reader>: lifecycle, attributes, loading, events
//   toolbar.js      the reader's bar, panels and player controls
//   preferences.js  what a reader can choose, and where choices are kept
//   overlay.js      the modal overlay mode
//   progress.js     the reading-progress bar
//   fonts.js, dates.js  the readable face; dates in the article's language
//   lede-listen.js  listening (its own file, loaded the first time someone presses Listen)
import { LedeReaderElement } from './element.js';

export { LedeError } from './errors.js';
export { buildFragment } from './ops.js';
export { createReader, mount } from './api.js';
export { setPreferenceStore } from './preferences.js';
export { LedeReaderElement } from './element.js';

if (globalThis.customElements && !customElements.get('lede-reader')) {
  customElements.define('lede-reader', LedeReaderElement);
}
