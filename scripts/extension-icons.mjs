// Draws extension/icons/lede-{16,32,48,128}.png from extension/icons/lede.svg in Debian's
// Chromium. Run by hand after changing the SVG: node scripts/extension-icons.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../tests/browser/helpers.mjs';

const dir = fileURLToPath(new URL('../extension/icons/', import.meta.url));
const svg = readFileSync(`${dir}lede.svg`, 'utf8');
const browser = await launch();
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`);
  await page.screenshot({ path: `${dir}lede-${size}.png`, omitBackground: true });
  await page.close();
}
await browser.close();
console.log('extension/icons: lede-16.png, lede-32.png, lede-48.png, lede-128.png');
