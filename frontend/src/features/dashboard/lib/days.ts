/** The day in a time zone, YYYY-MM-DD (en-CA writes dates that way): the project's day, never UTC's. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The day before a YYYY-MM-DD day. */
export function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The first day of a YYYY-MM-DD day's month. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
