// What the Firefox and WebKit drivers share: key names, the node-side request helper,
// and small waits. (Chromium is Playwright itself and needs none of it.) Tests that start
// a server of their own take freePort from here too.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A port nobody listens on now (the OS picks it; closed again for the caller to take). */
export const freePort = () =>
  new Promise((ok, fail) => {
    const probe = createServer().once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });

/**
 * Firefox preferences that keep it on this machine: every request but the loopback's goes
 * to a proxy that is not there, so it fails at once and nothing leaves (Firefox never
 * proxies 127.0.0.1).
 */
export const FIREFOX_ONLY_LOCAL = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.allow_hijacking_localhost': false,
};

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Playwright's key combos ("Shift+Tab", "Enter", "Space") as a list of key names. */
export function splitCombo(combo) {
  const keys = combo === '+' ? ['+'] : combo.split('+');
  return keys.map((k) => (k === 'Space' ? ' ' : k));
}

/** Polls `check()` until it gives something truthy; Playwright's default 30 s timeout. */
export async function poll(check, { timeout = 30000, interval = 50, what = 'condition' } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timeout ${timeout} ms exceeded waiting for ${what}`);
    await sleep(interval);
  }
}

/** page.request: requests made from node, as Playwright's APIRequestContext does. */
export const request = {
  async get(url) {
    const r = await fetch(url);
    const body = Buffer.from(await r.arrayBuffer());
    return {
      status: () => r.status,
      ok: () => r.ok,
      headers: () => Object.fromEntries(r.headers),
      text: async () => body.toString('utf8'),
      json: async () => JSON.parse(body.toString('utf8')),
      body: async () => body,
    };
  },
};

export function saveScreenshot(buffer, path) {
  if (path) writeFileSync(path, buffer);
  return buffer;
}

/** Thrown for what one engine's driver cannot do; the message names the engine. */
export class Unsupported extends Error {
  constructor(engine, what) {
    super(`${what} is not supported in ${engine} by its driver`);
    this.name = 'Unsupported';
  }
}
