/**
 * After a failed submit the server renders the error summary with `autofocus`, so focus lands on
 * it without JavaScript. Browsers skip `autofocus` in some cases (a URL with a fragment, a page
 * restored from history, focus already moved by the time the page settles), so the enhancement
 * makes sure: when nothing else has focus, the summary takes it, and a screen reader starts there.
 */
export function focusErrorSummary(): void {
  const summary = document.querySelector<HTMLElement>('.aw-error-summary');
  if (!summary) return;
  const active = document.activeElement;
  if (active && active !== document.body && active !== document.documentElement) return;
  summary.focus();
}
