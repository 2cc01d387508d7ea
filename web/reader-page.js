// reader.html?src=articles/story.json — the client-only way to show any article JSON
// that sits on the same site. Only same-origin URLs are followed.
import './lede.js';

const reader = document.querySelector('lede-reader');
const src = new URLSearchParams(location.search).get('src');
if (src) {
  const url = new URL(src, location.href);
  if (url.origin === location.origin) {
    reader.addEventListener('lede-loaded', (e) => { document.title = e.detail.title; });
    reader.src = url.href;
  } else {
    reader.article = { title: 'This reader only opens articles from its own site' };
  }
} else {
  reader.article = { title: 'No article given', body: 'Add `?src=path/to/article.json` to the address.' };
}
