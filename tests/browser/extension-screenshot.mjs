// Writes docs/screenshots/extension-overlay.png: the extension's overlay over a page of
// mozilla/readability's test corpus, opened with the toolbar button, in Debian's
// Chromium. ./build-wasm.sh screenshots runs it (after building the extension).
//   node tests/browser/extension-screenshot.mjs [PAGE]
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { root } from './helpers.mjs';
import { corpus, launchExtension } from './extension-harness.mjs';

const name = process.argv[2] ?? 'aclu';
if (!existsSync(join(corpus, name))) throw new Error(`no page ${name} in ${corpus}`);
const scratch = mkdtempSync(join(tmpdir(), 'lede-ext-shot-'));
symlinkSync(corpus, join(scratch, 'pages'));
const server = await serve(scratch, { headers: () => ({ 'content-security-policy': "default-src 'self'; script-src 'self'" }) });
const ext = await launchExtension();
try {
  await ext.context.route((url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1', (r) => r.abort());
  await ext.page.goto(`http://127.0.0.1:${server.address().port}/pages/${name}/source.html`);
  await ext.press();
  await ext.waitFor('reader');
  await ext.page.waitForTimeout(300); // fonts
  const out = join(root, 'docs', 'screenshots', 'extension-overlay.png');
  await ext.page.screenshot({ path: out });
  console.log(`screenshot: ${out} (${name}, behind a strict CSP)`);
} finally {
  await ext.close();
  server.close();
  rmSync(scratch, { recursive: true, force: true });
}
