const formatters = new Map<string, Intl.DateTimeFormat>();

// "Today" is asked on every chat; formatting a date is the costly part, so remember it for a second.
const today = new Map<string, { day: string; until: number }>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone; "daily" limits follow the customer's day. */
export function dayIn(timeZone: string, at?: Date): string {
  if (!at) {
    const now = Date.now();
    const hit = today.get(timeZone);
    if (hit && now < hit.until) return hit.day;
    const day = formatDay(timeZone, new Date(now));
    // Never cache across a second boundary, so a day change is seen within a second.
    today.set(timeZone, { day, until: now - (now % 1000) + 1000 });
    return day;
  }
  return formatDay(timeZone, at);
}

function formatDay(timeZone: string, at: Date): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(at);
}

/** Throws a RangeError naming the zone when it is not a valid IANA time zone. */
export function assertTimeZone(timeZone: string): void {
  dayIn(timeZone);
}
