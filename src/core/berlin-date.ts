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

/** The date in Europe/Berlin as `YYYY-MM-DD`. */
export function berlinDate(instant: Date): string {
  return formatter.format(instant);
}
