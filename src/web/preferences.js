// The reader's preferences: what can be chosen, what a valid value is, and where the
// choices are kept (localStorage, or a store the embedder gives, such as an extension's).
// The embedder's attributes are defaults; the reader's own choice wins.

const STORE = 'lede:prefs';

export const DEFAULTS = { theme: 'auto', font: 'serif', fontSize: null, lineHeight: null, letterSpacing: null, wordSpacing: null, width: 'normal' };
const pairs = (s) => s.split(',').map((p) => p.split(':'));
// The menus: name → [label, [value, text]…]. The spacings are in em: "Wider" is what
// WCAG 1.4.12 asks text to survive (0.12em between letters, 0.16em between words).
export const CHOICES = {
  font: ['Font', pairs('serif:Serif,sans:Sans-serif,mono:Monospace,readable:Readable')],
  lineHeight: ['Line spacing', pairs('1.35:Tight,1.6:Normal,1.9:Loose')],
  letterSpacing: ['Letter spacing', pairs('0:Normal,0.06:Wide,0.12:Wider')],
  wordSpacing: ['Word spacing', pairs('0:Normal,0.08:Wide,0.16:Wider')],
  width: ['Width', pairs('narrow:Narrow,normal:Normal,wide:Wide')],
  theme: ['Theme', pairs('auto:Auto,light:Light,sepia:Sepia,dark:Dark,contrast:High contrast')],
};
// The preferences that are numbers, and their range: fontSize in CSS pixels,
// lineHeight a ratio, the spacings in em.
export const NUMBERS = { fontSize: [8, 72], lineHeight: [1, 3], letterSpacing: [0, 0.5], wordSpacing: [0, 1] };
// The text sizes Smaller and Larger step through, in CSS pixels.
export const SIZES = [14, 16, 18, 20, 22, 24, 28, 32];

// A preference's value, or null if it is not one.
export function valid(name, value) {
  if (value == null || value === '') return null;
  const range = NUMBERS[name];
  if (!range) return CHOICES[name][1].some(([v]) => v === value) ? value : null;
  const n = Number(value);
  return n >= range[0] && n <= range[1] ? n : null;
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
