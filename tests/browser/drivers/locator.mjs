// Playwright-style locators for the drivers that have none (Firefox through puppeteer,
// WebKit through WebDriver): a locator is a list of steps resolved inside the page on
// every call, as Playwright's are. CSS steps pierce open shadow roots (a space may cross
// into a shadow root, as in Playwright's CSS engine); getByRole knows the implicit roles
// and accessible names the tests use, and skips hidden elements as Playwright does.

/** Runs in the page: the elements that `steps` select. */
function resolveSteps(steps) {
  const scopes = (node) => {
    // Every tree under `node`: its own (or its shadow root's) and each open shadow root below.
    const out = [];
    const walk = (root) => {
      out.push(root);
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    if (node.shadowRoot) walk(node.shadowRoot);
    walk(node);
    return out;
  };
  const deepAll = (node, selector) => {
    const found = new Set();
    for (const root of scopes(node)) for (const el of root.querySelectorAll(selector)) found.add(el);
    // querySelectorAll from an element looks only below it.
    return [...found].filter((el) => el !== node);
  };
  // "a b > c d": chunks split at spaces outside brackets, "x > y" kept together.
  const chunks = (selector) => {
    const words = [];
    let depth = 0;
    let word = '';
    for (const ch of selector.trim()) {
      if (ch === '[' || ch === '(') depth++;
      if (ch === ']' || ch === ')') depth--;
      if (/\s/.test(ch) && depth === 0) {
        if (word) words.push(word);
        word = '';
      } else word += ch;
    }
    if (word) words.push(word);
    const out = [];
    for (let i = 0; i < words.length; i++) {
      if ((words[i] === '>' || words[i] === '+' || words[i] === '~') && out.length) out[out.length - 1] += ` ${words[i]} ${words[++i]}`;
      else out.push(words[i]);
    }
    return out;
  };
  const hidden = (el) => {
    for (let n = el; n; n = n.parentNode ?? n.host) if (n.nodeType === 1 && n.getAttribute('aria-hidden') === 'true') return true;
    return !el.checkVisibility({ visibilityProperty: true });
  };
  const implicitRole = (el) => {
    const tag = el.localName;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (tag === 'button' || (tag === 'input' && ['button', 'submit', 'reset'].includes(type))) return 'button';
    if (tag === 'select') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (tag === 'input' && type === 'range') return 'slider';
    if (tag === 'input' && type === 'checkbox') return 'checkbox';
    if (tag === 'input' && ['', 'text', 'email', 'search', 'url', 'tel'].includes(type)) return 'textbox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'progress') return 'progressbar';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'fieldset') return 'group';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    return null;
  };
  const role = (el) => el.getAttribute('role')?.trim().split(/\s+/)[0] || implicitRole(el);
  const text = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const name = (el) => {
    const root = el.getRootNode();
    const by = el.getAttribute('aria-labelledby');
    if (by) return text(by.split(/\s+/).map((id) => root.getElementById?.(id)?.textContent ?? '').join(' '));
    if (el.hasAttribute('aria-label')) return text(el.getAttribute('aria-label'));
    if (el.labels?.length) return text([...el.labels].map((l) => l.textContent).join(' '));
    if (['button', 'link', 'heading'].includes(role(el)) || el.localName === 'button') return text(el.textContent);
    return text(el.getAttribute('title'));
  };
  let nodes = [document];
  for (const step of steps) {
    if (step.css !== undefined) {
      for (const chunk of chunks(step.css)) nodes = [...new Set(nodes.flatMap((n) => deepAll(n, chunk)))];
    } else if (step.role !== undefined) {
      nodes = [...new Set(nodes.flatMap((n) => deepAll(n, '*')))].filter((el) => {
        if (role(el) !== step.role || hidden(el)) return false;
        if (step.name === undefined) return true;
        const n = name(el);
        return step.exact ? n === text(step.name) : n.toLowerCase().includes(text(step.name).toLowerCase());
      });
    } else if (step.nth !== undefined) {
      const i = step.nth < 0 ? nodes.length + step.nth : step.nth;
      nodes = nodes[i] ? [nodes[i]] : [];
    }
  }
  return nodes;
}

/** Runs in the page: one action on the elements of `steps`. */
function act({ steps, action, arg, resolver }) {
  const els = resolver(steps);
  const one = () => {
    if (els.length !== 1) throw new Error(`locator ${JSON.stringify(steps)} matched ${els.length} elements, expected 1`);
    return els[0];
  };
  switch (action) {
    case 'count': return els.length;
    case 'isVisible': {
      if (els.length === 0) return false;
      const el = one();
      const r = el.getBoundingClientRect();
      return el.checkVisibility({ visibilityProperty: true }) && r.width > 0 && r.height > 0;
    }
    case 'textContent': return one().textContent;
    case 'innerText': return one().innerText;
    case 'getAttribute': return one().getAttribute(arg);
    case 'focus': one().focus(); return null;
    case 'boundingBox': {
      const r = one().getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    case 'center': {
      const el = one();
      el.scrollIntoView({ block: 'center', inline: 'center' });
      // A link that wraps has a gap at its box's centre: the middle of its first line box.
      const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    case 'allTextContents': return els.map((e) => e.textContent);
    default: throw new Error(`unknown locator action ${action}`);
  }
}

/**
 * A locator over a page whose driver has `evaluateRaw(body, arg)` (a function body that
 * reads arguments[0]) and `clickAt(x, y)`. The resolver goes along as source, so that
 * one round trip resolves and acts.
 */
export class Locator {
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  #run(action, arg) {
    return this.page.evaluateRaw(
      `return (${act})({ ...arguments[0], resolver: ${resolveSteps} })`,
      { steps: this.steps, action, arg },
    );
  }

  locator(css) { return new Locator(this.page, [...this.steps, { css }]); }
  getByTestId(id) { return this.locator(`[data-testid="${id}"]`); }
  getByRole(role, { name, exact = false } = {}) { return new Locator(this.page, [...this.steps, { role, name, exact }]); }
  nth(i) { return new Locator(this.page, [...this.steps, { nth: i }]); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }

  count() { return this.#run('count'); }
  isVisible() { return this.#run('isVisible'); }
  textContent() { return this.#run('textContent'); }
  innerText() { return this.#run('innerText'); }
  getAttribute(name) { return this.#run('getAttribute', name); }
  focus() { return this.#run('focus'); }
  boundingBox() { return this.#run('boundingBox'); }
  allTextContents() { return this.#run('allTextContents'); }
  async click() {
    const { x, y } = await this.#run('center');
    await this.page.clickAt(x, y);
  }
  /** fn(elements, arg) in the page, as Playwright's evaluateAll. */
  evaluateAll(fn, arg) {
    return this.page.evaluateRaw(
      `return ((steps, arg) => (${fn})((${resolveSteps})(steps), arg))(arguments[0].steps, arguments[0].arg)`,
      { steps: this.steps, arg },
    );
  }
}
