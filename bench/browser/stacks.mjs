// What each contender does to show an article: JSON text in, the article appended to a
// host element out. The JS stacks build what a reasonable page would: a header (site,
// h1 title, dek, date), the Markdown body as HTML, the related list, all run through
// DOMPurify as one string, the sanitized fragment appended to the host.
//
// This module imports nothing itself: the cold-start page loads it before its clock
// starts and hands it the libraries it imported inside the timed region.

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => escapes[c]);

// Lede prints "Tuesday, Jan 27, 2026"; a page would format the date with Intl.
const dateFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'long', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC',
});

/** The article page around a body already turned into HTML. */
export function articleHTML(a, bodyHTML) {
  let h = `<article class="lede"${a.lang ? ` lang="${esc(a.lang)}"` : ''}><header class="lede-header">`;
  if (a.site) h += `<p class="lede-site"><a href="${esc(a.site.url)}" rel="noopener noreferrer">${esc(a.site.name)}</a></p>`;
  h += `<h1 class="lede-title">${esc(a.title)}</h1>`;
  if (a.dek) h += `<p class="lede-dek">${esc(a.dek)}</p>`;
  if (a.published) {
    h += `<p class="lede-meta"><time datetime="${esc(a.published)}">${esc(dateFormat.format(new Date(a.published)))}</time></p>`;
  }
  h += `</header><div class="lede-body">${bodyHTML}</div>`;
  if (a.related?.length) {
    h += '<footer class="lede-footer"><nav class="lede-related"><h2>Related</h2><ul>';
    for (const r of a.related) h += `<li><a href="${esc(r.url)}" rel="noopener noreferrer">${esc(r.title)}</a></li>`;
    h += '</ul></nav></footer>';
  }
  return `${h}</article>`;
}

/**
 * The contenders, given the libraries. Each is (jsonText, host) => void.
 * libs: { reader, marked, markdownit, DOMPurify, mdwasm } (any may be missing).
 */
export function makeStacks({ reader, marked, markdownit, DOMPurify, mdwasm }) {
  const stacks = {};
  const viaPurify = (toHTML) => (json, host) => {
    const a = JSON.parse(json);
    const html = articleHTML(a, toHTML(a.body ?? ''));
    host.append(DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true }));
  };
  if (reader) stacks.lede = (json, host) => host.append(reader.render(json));
  if (marked && DOMPurify) stacks.marked = viaPurify((md) => marked.parse(md));
  if (markdownit && DOMPurify) {
    const md = markdownit(); // defaults: CommonMark-ish, raw HTML escaped (as Lede does)
    stacks.markdownit = viaPurify((s) => md.render(s));
  }
  if (mdwasm && DOMPurify) stacks.mdwasm = viaPurify((s) => mdwasm.parse(s));
  return stacks;
}
