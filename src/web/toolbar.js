// The reader's chrome, built once per reader in its shadow root: the sticky bar (toolbar,
// settings panel, player, reading-progress bar), the status line and the content area.
import { CHOICES } from './preferences.js';

const stylesheetURL = new URL('./lede.css', import.meta.url);

// Builds the parts into `root` (the content area holding `kept`, nodes of a prerendered
// article) and returns them by name. `styled` settles once the stylesheet has loaded or failed.
export function buildParts(root, kept) {
  const doc = root.ownerDocument;
  const u = {};
  const el = (tag, props, ...children) => {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(props ?? {})) if (k in node) node[k] = v; else node.setAttribute(k, v);
    node.append(...children);
    return node;
  };
  const button = (text, act, props) => el('button', { type: 'button', 'data-act': act, ...props }, text);
  const select = (name, label, options, props) =>
    el('label', props, label, (u[name] = el('select', { name }, ...options.map(([value, text]) => el('option', { value }, text)))));
  const link = el('link', { rel: 'stylesheet', href: stylesheetURL.href });
  u.styled = new Promise((resolve) => {
    link.onload = link.onerror = resolve;
  });
  u.status = el('div', { className: 'lede-status', part: 'status', role: 'status', hidden: true });
  u.content = el('div', { part: 'content' }, ...kept);
  // Each panel follows its button, so that Tab goes from the button into what it opened;
  // CSS shows the buttons in one row and the panels under it.
  u.settings = el('div', { id: 'lede:settings', className: 'lede-panel', part: 'settings', hidden: true },
    el('div', { role: 'group', 'aria-label': 'Text size' }, 'Text size',
      button('Smaller', 'smaller'), (u.size = el('span')), button('Larger', 'larger')),
    ...Object.entries(CHOICES).map(([name, [label, options]]) => select(name, label, options)),
    button('Reset', 'reset'));
  u.player = el('div', { id: 'lede:player', className: 'lede-panel', part: 'player', role: 'group', 'aria-label': 'Player', hidden: true },
    button('Previous', 'prev', { className: 'lede-speech', 'aria-label': 'Previous sentence' }),
    (u.play = button('Play', 'play', { className: 'lede-play' })),
    button('Next', 'next', { className: 'lede-speech', 'aria-label': 'Next sentence' }),
    (u.seek = el('input', { type: 'range', name: 'seek', className: 'lede-audio', min: 0, max: 0, step: 1, value: 0, 'aria-label': 'Seek' })),
    (u.time = el('span', { className: 'lede-audio lede-time' }, '0:00 / 0:00')),
    select('rate', 'Speed', [0.75, 1, 1.25, 1.5, 1.75, 2].map((r) => [r, `${r}×`]), { className: 'lede-play' }),
    select('voice', 'Voice', [], { className: 'lede-speech' }),
    button('Close player', 'stop'),
    (u.note = el('p', { className: 'lede-note', role: 'status' })));
  u.toolbar = el('div', { part: 'toolbar', role: 'toolbar', 'aria-label': 'Reader' },
    (u.display = button('Aa Display', 'display', { 'aria-expanded': false, 'aria-controls': 'lede:settings' })),
    u.settings,
    (u.listen = button('Listen', 'listen', { hidden: true, 'aria-expanded': false, 'aria-controls': 'lede:player' })),
    u.player);
  u.close = button('×', 'close', { part: 'close', 'aria-label': 'Close', hidden: true });
  u.rate.value = '1';
  u.progress = el('div', { className: 'lede-progress', part: 'progress', role: 'progressbar', 'aria-label': 'Reading progress',
    'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0 }, el('div'));
  u.bar = el('div', { className: 'lede-bar', part: 'bar', hidden: true }, el('div', { className: 'lede-row' }, u.toolbar, u.close), u.progress);
  u.frame = el('div', { className: 'lede-frame', part: 'frame' }, u.bar, u.status, u.content);
  root.append(link, u.frame);
  return u;
}

// The menus and the size readout show the preferences in force.
export function showPreferences(u, prefs, fontSize) {
  for (const name of Object.keys(CHOICES)) {
    const value = String(prefs[name] ?? (name === 'lineHeight' ? 1.6 : 0));
    // A spacing the embedder set that the menu does not offer is shown, not blank.
    if (![...u[name].options].some((o) => o.value === value)) u[name].append(new Option(`Custom (${value})`, value));
    u[name].value = value;
  }
  u.size.textContent = `${+fontSize.toFixed(1)} px`;
}

// Opens or closes a panel and says so on the button that controls it.
export function toggle(button, panel, open = panel.hidden) {
  panel.hidden = !open;
  button.setAttribute('aria-expanded', open);
  return open;
}
