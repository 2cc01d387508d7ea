// Writes docs/screenshots/*.png: the seed article in each theme at phone (390×844) and
// desktop (1280×900) widths, plus the display settings, read-aloud and the overlay; and
// in every engine the seed article, light, at both widths (engine-ENGINE-SIZE.png).
//   ./build-wasm.sh screenshots     (or, after a build: LEDE_ENGINE=firefox node tests/browser/screenshots.mjs;
//                                    the themes come from Chromium's run, the default)
import { mkdirSync } from 'node:fs';
import { engine, launch, startServer, root } from './helpers.mjs';

const out = `${root}/docs/screenshots`;
const SEED = '/web/articles/once-enemies.json';
const sizes = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
// 400 % zoom on a 1280×1024 screen: 320×256 CSS pixels, each drawn as 4×4.
const zoom = { viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 };

// Read-aloud without sound: a speechSynthesis with one voice that only remembers the utterance.
function quietSpeech() {
  window.SpeechSynthesisUtterance = class extends EventTarget {
    constructor(text) {
      super();
      this.text = text;
    }
  };
  const synth = Object.assign(new EventTarget(), { current: null, getVoices: () => [{ name: 'Quiet', lang: 'ar', voiceURI: 'quiet', default: true, localService: true }], speak(u) { this.current = u; }, cancel() {} });
  Object.defineProperty(window, 'speechSynthesis', { value: synth });
  window.nextSentence = () => synth.current?.onend();
}

const themeShots = [
  ...['light', 'sepia', 'dark', 'contrast'].flatMap((theme) =>
    Object.keys(sizes).map((size) => ({ name: `${theme}-${size}`, size, query: { src: SEED, theme } }))),
  { name: 'settings-phone', size: 'phone', query: { src: SEED, theme: 'light' }, act: ['display'] },
  { name: 'panels-phone', size: 'phone', query: { src: SEED, theme: 'light' }, act: ['display', 'listen'] },
  { name: 'zoom-400', size: 'zoom', query: { src: SEED, theme: 'light' }, act: ['display', 'listen'] },
  { name: 'read-aloud-arabic-desktop', size: 'desktop', query: { src: '/tests/browser/fixtures/arabic.json', theme: 'sepia' }, act: ['listen'], sentences: 2 },
  { name: 'overlay-dark-desktop', size: 'desktop', query: { src: '/tests/browser/fixtures/rich.json', theme: 'dark', mode: 'overlay' }, act: ['display'] },
];
const engineShots = Object.keys(sizes).map((size) => ({ name: `engine-${engine}-${size}`, size, query: { src: SEED, theme: 'light' } }));
const shots = [...(engine === 'chromium' ? themeShots : []), ...engineShots];

mkdirSync(out, { recursive: true });
const browser = await launch();
const server = await startServer();
try {
  for (const shot of shots) {
    const context = await browser.newContext({ ...(shot.size === 'zoom' ? zoom : { viewport: sizes[shot.size] }), colorScheme: 'light' });
    await context.addInitScript(quietSpeech);
    const page = await context.newPage();
    await page.goto(`${server.origin}/tests/browser/fixtures/screenshot.html?${new URLSearchParams(shot.query)}`);
    await page.waitForFunction(() => {
      const el = document.querySelector('lede-reader');
      return el.getAttribute('state') === 'ready' && !el.shadowRoot.querySelector('.lede-bar').hidden;
    });
    await page.evaluate(async ({ act = [], sentences = 0 }) => {
      const root = document.querySelector('lede-reader').shadowRoot;
      for (const a of act) root.querySelector(`[data-act=${a}]`).click();
      await new Promise((ok) => setTimeout(ok, 200)); // lede-listen.js
      for (const audio of root.querySelectorAll('audio')) audio.pause(); // the same picture every time
      for (let i = 0; i < sentences; i++) nextSentence();
      await document.fonts.ready;
      for (const img of root.querySelectorAll('img')) await img.decode().catch(() => {});
      document.activeElement?.blur();
    }, shot);
    await page.screenshot({ path: `${out}/${shot.name}.png` });
    console.log(`screenshots: docs/screenshots/${shot.name}.png`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
