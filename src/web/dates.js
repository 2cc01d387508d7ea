const dateFormats = new Map();
export function localizeDates(root, lang) {
  if (!lang || /^en(-us)?$/i.test(lang)) return;
  if (!dateFormats.has(lang)) {
    let format = null;
    try {
      format = new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    } catch {} // not a language tag Intl knows: the core's English stays
    dateFormats.set(lang, format);
  }
  const format = dateFormats.get(lang);
  for (const time of format ? root.querySelectorAll('time[datetime]') : []) {
    const [y, m, d] = time.dateTime.slice(0, 10).split('-').map(Number);
    if (d) time.textContent = format.format(Date.UTC(y, m - 1, d));
  }
}
