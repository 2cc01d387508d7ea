// The reading-progress bar: how much of the article has scrolled past, 0–100, from the
// overlay's own scroll position or, inline, from where the reader sits in the window.
export function showProgress({ frame, progress }, overlay) {
  let p;
  if (overlay) {
    const max = frame.scrollHeight - frame.clientHeight;
    p = max > 0 ? frame.scrollTop / max : 1;
  } else {
    const r = frame.getBoundingClientRect();
    const h = innerHeight;
    p = r.height > h ? -r.top / (r.height - h) : +(r.bottom <= h);
  }
  p = Math.round(Math.min(1, Math.max(0, p || 0)) * 100);
  progress.setAttribute('aria-valuenow', p);
  progress.style.setProperty('--lede-progress', p / 100);
}
