// Listening, for <lede-reader>: loaded the first time someone presses Listen. It drives
// the toolbar's player (built by lede.js) for the article's own <audio>, or, when the
// article has none, reads the article aloud through the Web Speech API, sentence by
// sentence, with the sentence being read highlighted by the CSS Custom Highlight API
// (::highlight(lede-speaking) in lede.css; the article's DOM is not changed).

// "m:ss" or "h:mm:ss".
export function clock(seconds) {
  const s = Math.floor(Number.isFinite(seconds) ? seconds : 0);
  const mm = `${Math.floor(s / 60) % 60}`;
  return `${s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, '0')}` : mm}:${`${s % 60}`.padStart(2, '0')}`;
}

// The sentences to read aloud (title, dek, the body's text blocks; no code), each with
// the Range it covers. Intl.Segmenter splits them by the article's language.
export function sentences(article) {
  const doc = article.ownerDocument;
  const segmenter = globalThis.Intl?.Segmenter && new Intl.Segmenter(article.lang || undefined, { granularity: 'sentence' });
  const out = [];
  const blocks = ':is(.lede-title, .lede-dek, .lede-body :is(p, h2, h3, h4, h5, h6, li, th, td, figcaption, dt, dd)):not(:has(p, li))';
  for (const block of article.querySelectorAll(blocks)) {
    const nodes = [];
    let text = '';
    // A picture for the eye (a task's ☑) is not read.
    const walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT, (n) => (n.parentNode.closest('[role=img]') ? 2 : 1));
    for (let n; (n = walker.nextNode()); text += n.data) nodes.push([n, text.length]);
    // The text node and offset of a position in `text` (an end may close a node).
    const at = (pos, end) => {
      for (const [n, i] of nodes) if (pos < i + n.length + end) return [n, pos - i];
    };
    for (const { segment, index } of segmenter ? segmenter.segment(text) : [{ segment: text, index: 0 }]) {
      const said = segment.trim();
      if (!said) continue;
      const start = index + segment.search(/\S/);
      const range = doc.createRange();
      range.setStart(...at(start, 0));
      range.setEnd(...at(start + said.length, 1));
      out.push({ text: said.replace(/\s+/g, ' '), range });
    }
  }
  return out;
}

// Without the Custom Highlight API there is no highlight; the voice still reads.
function highlight(range) {
  const all = globalThis.CSS?.highlights;
  if (range && globalThis.Highlight) all?.set('lede-speaking', new Highlight(range));
  else all?.delete('lede-speaking');
}

const MEDIA_EVENTS = ['play', 'pause', 'ended', 'timeupdate', 'durationchange', 'ratechange'];

/** The player of one article. `ui` holds the player's controls and the content. */
export class Player {
  #ui;
  #audio;
  #article;
  #synth = globalThis.speechSynthesis;
  #lines = null; // sentences, once read-aloud starts
  #index = 0;
  #speaking = false;
  #utterance = null; // the one being spoken; any other ending is a cancelled one
  #voiced = null; // a promise: whether the browser has a voice to read with

  constructor(ui) {
    this.#ui = ui;
    this.#audio = ui.content.querySelector('.lede-listen audio');
    this.#article = ui.content.querySelector('article') ?? ui.content;
    ui.note.textContent = '';
    for (const type of MEDIA_EVENTS) this.#audio?.addEventListener(type, this.#tick);
    if (!this.#audio) this.#synth?.addEventListener?.('voiceschanged', this.#voices);
    this.#tick();
    this.#voices();
  }

  /** Plays (true), pauses (false) or toggles. */
  play(on) {
    const a = this.#audio;
    if (a) {
      if (on ?? a.paused) a.play().catch(() => {});
      else a.pause();
      return this.#tick();
    }
    this.#speaking = on ?? !this.#speaking;
    this.#voiced ??= this.#hasVoice();
    this.#voiced.then((yes) => {
      if (yes) return this.#skip(0);
      this.#voiced = null; // asked again next time: voices may be installed meanwhile
      this.#mute('No voice to read aloud with is installed in this browser.');
    });
  }

  prev() {
    this.#skip(-1);
  }

  next() {
    this.#skip(1);
  }

  /** A control changed: seek, rate or voice. */
  change(name, value) {
    const a = this.#audio;
    if (a) a[name === 'seek' ? 'currentTime' : 'playbackRate'] = Number(value);
    else if (this.#speaking) this.#skip(0); // the sentence again, with the new rate or voice
  }

  stop() {
    this.#audio?.pause();
    if (this.#speaking || this.#utterance) {
      this.#speaking = false;
      this.#utterance = null;
      this.#synth?.cancel();
    }
    highlight();
  }

  dispose() {
    this.stop();
    for (const type of MEDIA_EVENTS) this.#audio?.removeEventListener(type, this.#tick);
    this.#synth?.removeEventListener?.('voiceschanged', this.#voices);
  }

  #tick = () => {
    const a = this.#audio;
    const { play, seek, time } = this.#ui;
    if (!a) return;
    const now = a.currentTime;
    const total = Number.isFinite(a.duration) ? a.duration : 0;
    play.textContent = a.paused ? 'Play' : 'Pause';
    seek.max = total;
    seek.value = now;
    seek.setAttribute('aria-valuetext', `${clock(now)} of ${clock(total)}`);
    time.textContent = `${clock(now)} / ${clock(total)}`;
  };

  // Some browsers list their voices only after a while (voiceschanged), some never.
  async #hasVoice() {
    const synth = this.#synth;
    if (!synth.getVoices().length) {
      await new Promise((ok) => {
        synth.addEventListener?.('voiceschanged', ok, { once: true });
        setTimeout(ok, 2000);
      });
    }
    return synth.getVoices().length > 0;
  }

  // Reading aloud cannot go on: the player says why, and offers only Close.
  #mute(text) {
    const u = this.#ui;
    this.stop();
    u.play.textContent = 'Play';
    const moving = u.play.matches(':focus');
    u.player.dataset.kind = 'none';
    u.note.textContent = text;
    if (moving) u.player.querySelector('[data-act=stop]').focus();
  }

  #skip(step) {
    this.#ui.player.dataset.kind = 'speech';
    this.#ui.note.textContent = '';
    this.#lines ??= sentences(this.#article);
    this.#index = Math.max(0, Math.min(this.#lines.length - 1, this.#index + step));
    this.#utterance = null;
    this.#synth?.cancel();
    this.#say();
  }

  #say() {
    const u = this.#ui;
    const line = this.#lines[this.#index];
    const synth = this.#synth;
    if (!line) this.#speaking = false;
    u.play.textContent = this.#speaking ? 'Pause' : 'Play';
    highlight(line?.range);
    if (!line) this.#index = 0;
    if (!this.#speaking || !synth) return;
    const utterance = (this.#utterance = new SpeechSynthesisUtterance(line.text));
    utterance.lang = this.#article.lang ?? '';
    utterance.rate = Number(u.rate.value);
    utterance.voice = synth.getVoices().find((v) => v.voiceURI === u.voice.value) ?? null;
    utterance.onend = () => {
      if (this.#utterance !== utterance) return;
      this.#index += 1;
      this.#say();
    };
    utterance.onerror = (e) => {
      if (this.#utterance !== utterance) return;
      this.#speaking = false;
      if (/^(interrupted|canceled)$/.test(e?.error)) this.#say();
      else this.#mute(`This browser could not read the article aloud (${e.error}).`);
    };
    synth.speak(utterance);
    // The sentence being read stays on screen.
    const r = line.range.getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight) line.range.startContainer.parentElement.scrollIntoView({ block: 'center' });
  }

  // The voices for the article's language (all voices if none is), "Default" first.
  #voices = () => {
    const select = this.#ui.voice;
    if (!this.#synth || this.#audio) return;
    const lang = (this.#article.lang || 'en').split('-')[0].toLowerCase();
    const all = this.#synth.getVoices();
    const mine = all.filter((v) => v.lang.toLowerCase().startsWith(lang));
    const chosen = select.value;
    const option = (value, text) => Object.assign(select.ownerDocument.createElement('option'), { value, text });
    select.replaceChildren(option('', 'Default'), ...(mine.length ? mine : all).map((v) => option(v.voiceURI, `${v.name} (${v.lang})`)));
    select.value = chosen;
    if (select.selectedIndex < 0) select.value = '';
  };
}
