// Type declarations for web/lede.js, Lede's browser module.

/** Why Lede could not show an article. */
export type LedeErrorCode =
  | 'syntax' // not JSON: line and column are set
  | 'schema' // JSON, but not an article: path is set ("related[3].url")
  | 'too_large' // over limits.inputBytes
  | 'too_deep' // over limits.jsonDepth (line, column); Markdown past limits.markdownDepth is a warning (flattened)
  | 'output_limit' // the rendered article would pass limits.outputBytes
  | 'http' // fetching the article or the core answered an HTTP error: status is set
  | 'network' // the fetch failed
  | 'wasm' // WebAssembly could not start (a Content-Security-Policy without 'wasm-unsafe-eval')
  | 'usage' // render() was given something that is not article JSON
  | 'needs_html_parser' // an HTML body or another format: use renderAsync() or createReader({ html: true })
  | 'internal'
  | 'error';

export class LedeError extends Error {
  constructor(
    message: string,
    details?: { code?: LedeErrorCode; path?: string; line?: number; column?: number; status?: number; cause?: unknown },
  );
  readonly name: 'LedeError';
  readonly code: LedeErrorCode;
  /** Field path of a schema error, e.g. "related[3].url"; "" otherwise. */
  readonly path: string;
  /** 1-based position of a syntax or depth error; 0 if unknown. */
  readonly line: number;
  readonly column: number;
  /** HTTP status of a failed fetch; 0 otherwise. */
  readonly status: number;
}

/** Article JSON: a string, its UTF-8 bytes, or the parsed object. See docs/article-json.md. */
export type ArticleInput = string | Uint8Array | ArrayBuffer | Record<string, unknown>;

export interface Limits {
  /** Default 8 MiB. */
  inputBytes?: number;
  /** Default 64. */
  jsonDepth?: number;
  /** Default 64. */
  markdownDepth?: number;
  /** Default 64 MiB. */
  outputBytes?: number;
}

/**
 * One HTML event of a walked DOM (docs/html-events.md): an element opens (its local name,
 * its namespace: 0 HTML, 1 SVG, 2 MathML, its attributes as name, value, …), text, the
 * innermost element closes.
 */
export type HtmlEvent = [1, string, 0 | 1 | 2, string[]] | [2, string] | [3];

export interface CoreOptions {
  limits?: Limits;
  /**
   * The article's body as HTML events, in place of the body in its JSON: a DOM walked
   * into arrays (as the extension's walk.js does with Readability's result) or their byte
   * form. Read by the tree builder under the same rules as an HTML string; needs
   * lede-html.wasm, as an HTML body does (renderAsync loads it).
   */
  bodyEvents?: HtmlEvent[] | Uint8Array;
  /**
   * Which article of a feed or list (JSON Feed, RSS, Atom, a WordPress list): an index
   * from 0, or an item's id, url or slug. Default: the first.
   * No such item is a 'schema' LedeError.
   */
  item?: number | string;
  /** Keep sup, sub, kbd, mark, br, abbr, details, summary, figure and figcaption from raw HTML in the body. */
  keepSafeHtml?: boolean;
  /** rel="nofollow ugc" on links that leave the page. */
  nofollow?: boolean;
}

export interface ReaderOptions extends CoreOptions {
  /** Where lede.wasm is; default: dist/lede.wasm beside lede.js. */
  wasmURL?: string | URL;
  /**
   * Load lede-html.wasm (HTML bodies, other formats), lede-gumbo.wasm (HTML the quick
   * parser gives up on), lede-xml.wasm (RSS and Atom feeds) and lede-markdown.wasm (md4c,
   * for Markdown in lede-html.wasm) before resolving, so that render(), renderHTML() and renderOps()
   * take such articles too. Default false: only renderAsync() loads them, the first time
   * an article needs each.
   */
  html?: boolean;
  /**
   * With html: which on-demand modules to load up front; default all three. An article
   * that needs one left out is refused by render() with needs_html_parser naming it (the
   * extension loads only ['gumbo']: Readability's HTML is never a feed nor Markdown).
   */
  modules?: Array<'gumbo' | 'xml' | 'markdown'>;
  /** Where lede-html.wasm is; default: dist/lede-html.wasm beside lede.js, or beside wasmURL when that is given. */
  htmlWasmURL?: string | URL;
  /** Where lede-gumbo.wasm is; default: dist/lede-gumbo.wasm beside lede.js, or beside wasmURL when that is given. */
  gumboWasmURL?: string | URL;
  /** Where lede-xml.wasm (expat, for RSS and Atom feeds) is; default: dist/lede-xml.wasm beside lede.js, or beside wasmURL when that is given. */
  xmlWasmURL?: string | URL;
  /** Where lede-markdown.wasm (md4c, for Markdown once lede-html.wasm is the core) is; default: dist/lede-markdown.wasm beside lede.js, or beside wasmURL when that is given. */
  markdownWasmURL?: string | URL;
}

export interface RenderOptions extends CoreOptions {
  /** Document the fragment is for (its nodes are made in its inert template document and adopted into it); default: the global document. */
  document?: Document;
  /** Relative URLs in the article resolve against this (usually the JSON's URL). */
  base?: string | URL;
}

export interface Reader {
  /** The article as DOM, built with createElement / createTextNode / setAttribute. Throws LedeError. */
  render(json: ArticleInput, options?: RenderOptions): DocumentFragment;
  /** The same article as an HTML string. Throws LedeError. */
  renderHTML(json: ArticleInput, options?: Pick<CoreOptions, 'item' | 'bodyEvents'>): string;
  /**
   * render(), loading lede-html.wasm first if the article needs it (an HTML body, another
   * format), then lede-gumbo.wasm if its HTML needs gumbo, lede-xml.wasm if it is a feed,
   * lede-markdown.wasm if lede-html.wasm is given Markdown.
   * Rejects with LedeError.
   */
  renderAsync(
    json: ArticleInput,
    options?: RenderOptions & {
      htmlWasmURL?: string | URL;
      gumboWasmURL?: string | URL;
      xmlWasmURL?: string | URL;
      markdownWasmURL?: string | URL;
    },
  ): Promise<DocumentFragment>;
  /**
   * The article as an op-stream, copied out of wasm memory: needs no DOM (works in a
   * service worker) and turns into DOM anywhere with buildFragment(). Throws LedeError.
   */
  renderOps(json: ArticleInput, options?: Pick<CoreOptions, 'item' | 'bodyEvents'>): OpStream;
}

/**
 * The DOM operations of a rendered article (see src/output/op_writer.hpp). `ops` may be
 * a plain array once the stream has crossed a message channel that speaks JSON.
 */
export interface OpStream {
  ops: Uint32Array | number[];
  /** The texts and attribute values that are ASCII, in the order the ops use them. */
  strings: string;
  /** The others (ops flagged WIDE), in reverse order: the first one used ends it. */
  wide: string;
  /** The core's element names: the allowlist. */
  tags: string[];
  /** The core's attribute names: the allowlist. */
  attrs: string[];
}

/**
 * Builds the DOM of an op-stream (from renderOps(), possibly in another context) with
 * createElement / createTextNode / setAttribute, without wasm. Throws LedeError on a
 * corrupt stream.
 */
export function buildFragment(stream: OpStream, options?: { document?: Document; base?: string | URL }): DocumentFragment;

/** Where <lede-reader> keeps the reader's choices instead of localStorage. Both calls are synchronous. */
export interface PreferenceStore {
  get(): Partial<Preferences> | null | undefined;
  set(prefs: Partial<Preferences>): void;
}

/**
 * Keeps the readers' choices in `store` (an extension's storage) instead of the page's
 * localStorage. Returns a function to call when the stored choices changed elsewhere.
 */
export function setPreferenceStore(store: PreferenceStore): () => void;

/** Loads Lede's core (once per page and wasm URL) and resolves to a reader. */
export function createReader(options?: ReaderOptions): Promise<Reader>;

export type Theme = 'auto' | 'light' | 'sepia' | 'dark' | 'contrast';
export type Font = 'serif' | 'sans' | 'mono' | 'readable';
export type Width = 'narrow' | 'normal' | 'wide';

/** How <lede-reader> presents an article: its attributes, properties and mount() options. */
export interface PresentationOptions {
  /** 'auto' follows the system's light or dark setting. */
  theme?: Theme;
  /** Body text size in CSS pixels (8–72). */
  fontSize?: number;
  /** 'readable' is Atkinson Hyperlegible, bundled in fonts/. */
  font?: Font;
  /** Line height as a ratio (1–3); the toolbar offers 1.35, 1.6 and 1.9. */
  lineHeight?: number;
  /** Space added between letters, in em (0–0.5); the toolbar offers 0, 0.06 and 0.12. */
  letterSpacing?: number;
  /** Space added between words, in em (0–1); the toolbar offers 0, 0.08 and 0.16. */
  wordSpacing?: number;
  width?: Width;
  /** 'overlay' covers the viewport as a modal dialog. */
  mode?: 'inline' | 'overlay';
  /** false hides the toolbar (the `no-toolbar` attribute). */
  toolbar?: boolean;
}

/** The preferences in force: the reader's stored choices over the embedder's attributes. */
export interface Preferences {
  theme: Theme;
  font: Font;
  /** null: the stylesheet's size (--lede-font-size). */
  fontSize: number | null;
  /** null: the stylesheet's line height (--lede-line-height). */
  lineHeight: number | null;
  /** null: the face's own spacing. */
  letterSpacing: number | null;
  /** null: the face's own spacing. */
  wordSpacing: number | null;
  width: Width;
}

export interface MountOptions extends ReaderOptions, PresentationOptions {
  base?: string | URL;
}

/**
 * Renders an article into `target`, replacing its children. With any presentation
 * option the article is shown in a <lede-reader> inside `target` (toolbar, player,
 * overlay); without, `target` gets the plain article as render() builds it.
 * Rejects with the LedeError when the article cannot be shown.
 */
export function mount<T extends Element>(target: T, json: ArticleInput, options?: MountOptions): Promise<T>;

export interface LedeLoadedDetail {
  src: string;
  title: string;
}

export interface LedeErrorDetail {
  src: string;
  error: LedeError | Error;
}

export interface LedeReadyDetail extends LedeLoadedDetail {
  prefs: Preferences;
}

export interface LedeChangeDetail {
  /** The preference the reader changed; null when they reset them all. */
  name: keyof Preferences | null;
  value: Preferences[keyof Preferences] | null;
  prefs: Preferences;
}

/**
 * <lede-reader src="article.json">: fetches, renders into its shadow root, shows loading
 * and error states; a toolbar, reading progress, a player and an overlay mode. See
 * docs/reading.md.
 */
export class LedeReaderElement extends HTMLElement {
  /** URL of the article JSON (the `src` attribute). */
  src: string;
  /** An article given directly instead of src. */
  article: ArticleInput | null;
  /** Relative URLs in `article` resolve against this (the `base` attribute). */
  base: string;
  /** Which article of a feed or list: an index from 0, or an item's id, url or slug (the `item` attribute; '' the first). */
  item: string;
  /** Core options used when rendering. */
  options: ReaderOptions;
  theme: Theme;
  fontSize: number | null;
  font: Font;
  lineHeight: number | null;
  letterSpacing: number | null;
  wordSpacing: number | null;
  width: Width;
  mode: 'inline' | 'overlay';
  toolbar: boolean;
  /** The preferences in force. */
  readonly prefs: Preferences;
  /** 'loading', 'ready' or 'error'. */
  readonly state: '' | 'loading' | 'ready' | 'error';
  /** Loads and renders again. */
  reload(): Promise<void>;
  /** Closes the overlay: sets `hidden` and fires lede-close (`hidden = false` reopens it). */
  close(): void;
  /** Forgets the reader's stored choices; the attributes apply again. Fires lede-change. */
  resetPreferences(): void;
  /** Shows an article built elsewhere (buildFragment()) without loading the core. */
  showFragment(fragment: DocumentFragment): Promise<void>;
  static readonly observedAttributes: string[];
  /** Custom-element callbacks (the browser calls them). */
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'lede-reader': LedeReaderElement;
  }
  interface HTMLElementEventMap {
    'lede-loaded': CustomEvent<LedeLoadedDetail>;
    'lede-error': CustomEvent<LedeErrorDetail>;
    'lede-ready': CustomEvent<LedeReadyDetail>;
    'lede-close': CustomEvent<Record<string, never>>;
    'lede-change': CustomEvent<LedeChangeDetail>;
  }
}
