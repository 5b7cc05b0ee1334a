/**
 * Safe HTML building with tagged templates.
 *
 * Every interpolated value is escaped unless it is already `SafeHtml` (the result of another `html`
 * call) or an array of such values. This makes the safe path the default: nothing a citizen types
 * can ever reach a page unescaped. Pure and dependency-free, so views run in Node and the browser.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPE_ALL = /[&<>"']/g;

export function escapeHtml(text: string): string {
  // Fast path: most strings need no escaping at all.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPE_ALL, (ch) => ESCAPES[ch] as string);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += render(item as HtmlValue);
    return out;
  }
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] as string;
  for (let i = 0; i < values.length; i++) {
    out += render(values[i] as HtmlValue) + (strings[i + 1] as string);
  }
  return new SafeHtml(out);
}

/** Marks a trusted constant string as HTML. Never pass user input. */
export function unsafeRaw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

/** Renders an attribute only when the value is present: ` name="value"`. */
export function attr(name: string, value: string | number | null | undefined | false): SafeHtml {
  if (value === null || value === undefined || value === false) return new SafeHtml('');
  return new SafeHtml(` ${name}="${escapeHtml(String(value))}"`);
}
