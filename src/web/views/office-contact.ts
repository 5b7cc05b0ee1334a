/**
 * The responsible office with its contact details, as the start page, the confirmation and the
 * notice of a service taken offline show it: its name, address, phone (a `tel:` link) and email
 * (a `mailto:` link), whatever the definition's `local.office` has.
 */
import { type Locale, localize, type Office } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';

/** The digits and a leading plus of a phone number as written ("05331 86-2200"), for `tel:`. */
function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export function officeContact(l: Locale, office: Office, id = 'zustaendige-stelle'): SafeHtml {
  const lines: Array<SafeHtml | string> = [];
  if (office.address) lines.push(office.address);
  if (office.phone)
    lines.push(html`<a class="kern-link" href="${telHref(office.phone)}">${office.phone}</a>`);
  if (office.email) lines.push(html`<a class="kern-link" href="mailto:${office.email}">${office.email}</a>`);
  return html`<p class="kern-body" id="${id}">${localize(office.name, l)}${lines.map((line) => html`<br>${line}`)}</p>`;
}
