// The reader's preferences: what can be chosen, what a valid value is, and where the
// choices are kept (localStorage, or a store the embedder gives, such as an extension's).
// The embedder's attributes are defaults; the reader's own choice wins.

const STORE = 'lede:prefs';

export const DEFAULTS = { theme: 'auto', font: 'serif', fontSize: null, lineHeight: null, width: 'normal' };
const pairs = (s) => s.split(',').map((p) => p.split(':'));
// The menus: name → [label, [value, text]…].
export const CHOICES = {
  font: ['Font', pairs('serif:Serif,sans:Sans-serif,mono:Monospace,readable:Readable')],
  lineHeight: ['Line spacing', pairs('1.35:Tight,1.6:Normal,1.9:Loose')],
  width: ['Width', pairs('narrow:Narrow,normal:Normal,wide:Wide')],
  theme: ['Theme', pairs('auto:Auto,light:Light,sepia:Sepia,dark:Dark,contrast:High contrast')],
};
// The text sizes Smaller and Larger step through, in CSS pixels.
export const SIZES = [14, 16, 18, 20, 22, 24, 28, 32];

// A preference's value, or null if it is not one. fontSize is in CSS pixels.
export function valid(name, value) {
  if (value == null || value === '') return null;
  if (name !== 'lineHeight' && CHOICES[name]) return CHOICES[name][1].some(([v]) => v === value) ? value : null;
  const n = Number(value);
  return name === 'fontSize' ? (n >= 8 && n <= 72 ? n : null) : n >= 1 && n <= 3 ? n : null;
}

// Storage may be refused (sandboxes, privacy modes): choices then last the page.
// Every reader on the page follows a change made in any of them (`changes` fires).
export const changes = new EventTarget();
let memory = {};
let custom = null; // setPreferenceStore()

export function stored() {
  if (custom) return custom.get() ?? {};
  try {
    return JSON.parse(localStorage.getItem(STORE)) ?? {};
  } catch {
    return memory;
  }
}

export function store(prefs) {
  memory = prefs;
  if (custom) custom.set(prefs);
  else {
    try {
      localStorage.setItem(STORE, JSON.stringify(prefs));
    } catch {}
  }
  changes.dispatchEvent(new Event('change'));
}

// A `storage` event (a choice made in another tab) that concerns the reader's choices.
export const isOurs = (e) => e.key == null || e.key === STORE;

/**
 * Keeps the readers' choices in `{ get() → object, set(prefs) }` (synchronous: keep a copy
 * in memory) instead of localStorage: an extension's storage, not the page's. Returns a
 * function to call when they changed elsewhere: every reader applies them again.
 */
export function setPreferenceStore(preferenceStore) {
  custom = preferenceStore;
  return () => changes.dispatchEvent(new Event('change'));
}
