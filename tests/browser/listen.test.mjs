// <lede-reader>'s listening, in each engine under the strict Content-Security-Policy Lede
// promises to work under: the audio player by keyboard (with a server that answers Range
// requests), read-aloud through a stubbed speechSynthesis, sentence by sentence with the
// highlight following and in the article's language, and lede-listen.js's own hygiene.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { root } from './helpers.mjs';
import { ARABIC, RICH, focused, look, open, readerPage, speechStub, tabTo } from './reader-page.mjs';

readerPage();

test('audio player: play/pause, seek, elapsed/total, speed and close, by keyboard', async () => {
  const { page, clean, close } = await open();
  const audio = (f) => page.evaluate(f, null);
  const state = () => audio(() => {
    const a = document.querySelector('lede-reader').shadowRoot.querySelector('audio');
    return { paused: a.paused, time: a.currentTime, rate: a.playbackRate };
  });
  const time = page.locator('lede-reader .lede-time');
  // The native player is replaced by the toolbar's; the <audio> stays.
  assert.equal(await page.locator('lede-reader .lede-listen').isVisible(), false);
  await page.getByRole('button', { name: 'Listen' }).focus();
  await page.keyboard.press('Enter');
  const player = page.getByRole('group', { name: 'Player' });
  assert.equal(await player.isVisible(), true);
  await page.waitForFunction(() => !document.querySelector('lede-reader').shadowRoot.querySelector('audio').paused);
  assert.equal(await page.getByRole('button', { name: 'Listen' }).getAttribute('aria-expanded'), 'true');

  await page.keyboard.press('Tab'); // Pause
  assert.equal(await focused(page), 'Pause');
  await page.keyboard.press('Enter');
  assert.equal((await state()).paused, true);
  assert.equal(await focused(page), 'Play');
  assert.match(await time.textContent(), /^0:0[0-3] \/ 0:03$/);

  await page.keyboard.press('Tab'); // seek
  assert.equal(await focused(page), 'Seek');
  // From the start: on a busy machine the audio may have played past 1 s before the pause.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await state()).time, 2);
  await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.querySelector('.lede-time').textContent === '0:02 / 0:03');
  assert.equal(await page.getByRole('slider', { name: 'Seek' }).getAttribute('aria-valuetext'), '0:02 of 0:03');
  await page.keyboard.press('Home');
  assert.equal((await state()).time, 0);
  await page.waitForFunction(() => document.querySelector('lede-reader').shadowRoot.querySelector('.lede-time').textContent === '0:00 / 0:03');

  await page.keyboard.press('Tab'); // speed
  assert.equal(await focused(page), 'rate');
  await page.keyboard.press('ArrowDown');
  assert.equal((await state()).rate, 1.25);

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab'); // Play
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !document.querySelector('lede-reader').shadowRoot.querySelector('audio').paused);

  await tabTo(page, 'Close player', 4);
  await page.keyboard.press('Enter');
  assert.equal(await player.isVisible(), false);
  assert.equal((await state()).paused, true);
  assert.equal(await focused(page), 'Listen');
  await clean();
  await close();
});

test('read-aloud: sentence by sentence with the highlight following, pause/resume, skip, voice and rate', async () => {
  const { page, clean, close } = await open({ src: RICH }, { init: speechStub });
  const spoken = () => page.evaluate(() => spoken.map((s) => s.text));
  const highlighted = () => page.evaluate(() => highlighted());
  const listen = page.getByRole('button', { name: 'Read aloud' });
  assert.equal(await listen.isVisible(), true);
  await listen.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => spoken.length > 0); // lede-listen.js loads on first use
  const sentences = [
    'How to Read a Tide Table',
    'A week of tables, a short script and a chart: what the numbers mean before you take a boat out.',
    'Tide tables look like a wall of numbers, but they answer two plain questions: when will the water be high, and how high will it be?',
    'This article walks through one week of tables for the harbour, a small script that reads them, and the charts that come out of it.',
    'Reading the table',
  ];
  assert.deepEqual(await spoken(), sentences.slice(0, 1));
  assert.equal(await highlighted(), sentences[0]);
  assert.equal((await page.evaluate(() => spoken[0])).lang, 'en-GB');
  for (let i = 1; i < 5; i++) {
    await page.evaluate(() => boundary()); // word boundaries do not move the sentence
    assert.equal(await highlighted(), sentences[i - 1]);
    await page.evaluate(() => endUtterance());
    assert.equal((await spoken()).at(-1), sentences[i]);
    assert.equal(await highlighted(), sentences[i]);
  }
  // The article itself is untouched: the highlight is not markup.
  assert.equal(await page.locator('lede-reader mark').count(), 0);

  // Only voices for the article's language are offered; the controls in order.
  const voices = await page.evaluate(() => [...document.querySelector('lede-reader').shadowRoot.querySelectorAll('select[name=voice] option')].map((o) => o.textContent));
  assert.deepEqual(voices, ['Default', 'Alice (en-GB)', 'Bob (en-US)']);
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Previous sentence');
  await page.keyboard.press('Enter');
  assert.equal((await spoken()).at(-1), sentences[3]);
  assert.equal(await highlighted(), sentences[3]);
  await page.keyboard.press('Tab'); // Pause
  assert.equal(await focused(page), 'Pause');
  const count = (await spoken()).length;
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'Play');
  assert.equal((await spoken()).length, count, 'pausing says nothing new');
  assert.equal(await page.evaluate(() => speechSynthesis.current), null, 'the voice stopped');
  assert.equal(await highlighted(), sentences[3], 'the place is kept');
  await page.keyboard.press('Enter'); // resume: the sentence again
  assert.equal((await spoken()).at(-1), sentences[3]);
  await page.keyboard.press('Tab'); // Next
  assert.equal(await focused(page), 'Next sentence');
  await page.keyboard.press('Enter');
  assert.equal((await spoken()).at(-1), sentences[4]);
  assert.equal(await highlighted(), sentences[4]);

  await page.keyboard.press('Tab'); // Speed
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab'); // Voice
  assert.equal(await focused(page), 'voice');
  await page.keyboard.press('ArrowDown');
  const last = await page.evaluate(() => spoken.at(-1));
  assert.deepEqual(last, { text: sentences[4], lang: 'en-GB', rate: 1.25, voice: 'Alice' });

  // To the end: the highlight goes and the button offers Play again.
  for (let i = 0; i < 100 && (await page.evaluate(() => speechSynthesis.current)); i++) await page.evaluate(() => endUtterance());
  assert.equal(await highlighted(), null);
  assert.equal(await page.getByRole('button', { name: 'Play', exact: true }).isVisible(), true);
  const all = await spoken();
  assert.ok(all.includes('Tell someone ashore when you expect to be back'), 'list items are read');
  assert.ok(all.includes('Two things stand out.'));
  assert.equal(all.at(-1), 'For the full tables, see the harbour office page.');
  assert.ok(!all.some((s) => s.includes('import csv')), 'code is not read aloud');

  await tabTo(page, 'Close player', 4);
  await page.keyboard.press('Enter');
  assert.equal(await page.getByRole('group', { name: 'Player' }).isVisible(), false);
  await clean();
  await close();
});

test('read-aloud reads Arabic in Arabic, and is not offered without speechSynthesis', async () => {
  const { page, clean, close } = await open({ src: ARABIC }, { init: speechStub });
  await page.getByRole('button', { name: 'Read aloud' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => spoken.length > 0);
  await page.evaluate(() => endUtterance());
  await page.evaluate(() => endUtterance());
  const said = await page.evaluate(() => spoken);
  assert.deepEqual(said.map((s) => s.text), [
    'مدن الواحات: كيف تعلّم الناس العيش مع القليل من الماء',
    'في قلب الصحراء بنى الناس على مدى قرون أنظمة دقيقة لجمع الماء وتوزيعه.',
    'هذه قصة الأفلاج، وما يمكن أن تعلّمنا إياه اليوم.',
  ]);
  assert.ok(said.every((s) => s.lang === 'ar'));
  assert.equal(await page.evaluate(() => highlighted()), said[2].text);
  assert.deepEqual(await page.evaluate(() => [...document.querySelector('lede-reader').shadowRoot.querySelectorAll('select[name=voice] option')].map((o) => o.textContent)), ['Default', 'Layla (ar-SA)']);
  await clean();
  await close();

  const none = await open({ src: RICH }, { init: () => { delete window.speechSynthesis; delete Window.prototype.speechSynthesis; } });
  assert.equal(await none.page.evaluate(() => 'speechSynthesis' in window), false);
  assert.equal(await none.page.locator('lede-reader [data-act=listen]').isVisible(), false);
  await none.clean();
  await none.close();
});

test('lede-listen.js, like lede.js, has no innerHTML, eval or new Function', () => {
  // The commented source and the minified file that ships (see element.test.mjs).
  const source = readFileSync(`${root}/src/web/lede-listen.js`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const shipped = readFileSync(`${root}/web/lede-listen.js`, 'utf8');
  for (const js of [source, shipped]) {
    assert.match(js, /createElement/);
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function|setAttribute\(\s*['"`]style/);
  }
});
