/**
 * The rule builder's page (ADR 0046) with JavaScript: choosing a field or a comparison updates the
 * row's other pickers at once. Without JavaScript the designer presses "Auswahl aktualisieren";
 * here the same request is sent in the background and the row's other controls are replaced with
 * the server's markup for them, so the page and the server cannot disagree. Nothing is saved, the
 * page is not left and focus stays on the control just used (no change of context). Should the
 * request fail, the button still does it.
 */
export function enhanceRulePickers(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-rule-pickers]');
  form?.addEventListener('change', async ({ target }) => {
    const row = (target as HTMLSelectElement).closest('.aw-rule-row');
    if (!row || !/\.(feld|operator)$/.test((target as HTMLSelectElement).name)) return;
    const body = new URLSearchParams(new FormData(form) as never);
    body.set('aktion', 'aktualisieren');
    const page = new DOMParser().parseFromString(
      await (await fetch(form.action, { method: 'POST', body })).text(),
      'text/html',
    );
    const fresh = page.getElementById(row.id)?.querySelector('.aw-rule-pickers');
    const kept = (target as Element).closest('.aw-rule-pickers > *');
    if (!fresh || !kept) return;
    // The control in use stays in the page (moving it would take its focus); the others are the
    // server's, in its order.
    for (const old of Array.from(kept.parentElement!.children)) if (old !== kept) old.remove();
    let before = true;
    for (const child of Array.from(fresh.children)) {
      if (child.querySelector(`[name="${(target as HTMLSelectElement).name}"]`)) before = false;
      else if (before) kept.before(child);
      else kept.parentElement!.append(child);
    }
  });
}
