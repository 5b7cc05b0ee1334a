/**
 * "Today" for date rules is the calendar date in Germany, not the server's time zone: a form filled
 * at 00:30 on 1 March in Berlin must not be judged by UTC's 28 February.
 */
const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const MINUTE = 60_000;
// Formatting with a time zone costs ~15 µs and runs on every step and submit. The date can only
// change at a full minute (all of Berlin's UTC offsets are whole hours), so one result per minute
// is exact.
let cachedMinute = Number.NaN;
let cachedDate = '';

/** The date in Europe/Berlin as `YYYY-MM-DD`. */
export function berlinDate(instant: Date): string {
  const minute = Math.floor(instant.getTime() / MINUTE);
  if (minute !== cachedMinute) {
    cachedDate = formatter.format(instant);
    cachedMinute = minute;
  }
  return cachedDate;
}
