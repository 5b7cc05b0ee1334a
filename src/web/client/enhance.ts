/**
 * Browser enhancement of a citizen step page; the server-rendered page works without it.
 *
 * The definition is not in the page: the form names it (`data-aw-definition`), a resource the
 * browser caches for a year (its URL changes with its content), fetched before enhancing. Pages
 * whose questions the browser does not check name none. Once enhanced, the form carries
 * `data-aw-enhanced`.
 *
 * - Live validation: when focus leaves a field (a whole group for radios and dates), the field's
 *   own rules run and its error is shown or cleared with exactly the server's markup (the field's
 *   view is rendered again with the error and the page is patched to match, so the live page and
 *   the server's error state cannot drift apart). While a shown error is being corrected, it
 *   updates as you type and disappears once the answer is valid.
 * - Conditional reveal: fields of this step whose condition reads answers on this step appear and
 *   disappear as soon as an answer changes; a polite status message says so.
 * - Suggestions for the searchable input of a long list (search.ts).
 * - The fee as you type, when the fee rule reads only answers of this step (the page carries no
 *   other answers).
 * - The error summary of a page shown again after a failed submit has focus (error-focus.ts; also
 *   on the check page, which loads this script only then).
 *
 * No other focus is moved, nothing blocks submitting; the server validates again and has the last
 * word.
 */
import { type Locale, localize, type ServiceDefinition } from '../../definition/types.ts';
import { formatCents } from '../../engine/fields/currency.ts';
import type { EngineContext, FieldError, RawInput } from '../../engine/model.ts';
import { focusErrorSummary } from './error-focus.ts';
import { enhanceRulePickers } from './rule-pickers.ts';
import { enhanceSearch } from './search.ts';
import { type StepLogic, stepLogic } from './step-logic.ts';

const REVEALED: Record<Locale, (n: number) => string> = {
  de: (n) => (n === 1 ? 'Eine weitere Frage wird angezeigt.' : `${n} weitere Fragen werden angezeigt.`),
  en: (n) => (n === 1 ? 'One more question is shown.' : `${n} more questions are shown.`),
};

/** Attribute of the element around each field; the server renders it, the client adds it for revealed fields. */
const FIELD_ATTR = 'data-aw-field';
/** Attribute of the element around each field of a repeating group item, named like its input. */
const ITEM_FIELD_ATTR = 'data-aw-item-field';
/** Live state, not markup: the patch never touches what the citizen entered. */
const STATEFUL_ATTRS = new Set(['value', 'checked', 'selected']);

/** The form's current input, shaped like the urlencoded body the server parses. */
function rawOf(form: HTMLFormElement): RawInput {
  const raw: RawInput = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string') continue;
    const previous = raw[name];
    if (previous === undefined) raw[name] = value;
    else raw[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return raw;
}

/** Today in Europe/Berlin, `YYYY-MM-DD`, when the server did not say. */
function berlinToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

function syncAttributes(target: Element, source: Element): void {
  for (const { name, value } of [...source.attributes]) {
    if (!STATEFUL_ATTRS.has(name) && target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
  for (const { name } of [...target.attributes]) {
    if (!STATEFUL_ATTRS.has(name) && !source.hasAttribute(name)) target.removeAttribute(name);
  }
}

/**
 * Makes `target` (on the page) look like `source` (freshly rendered), where both are the same
 * field's markup that differs only in its error state: attributes are copied, and the error
 * elements (`isError`; one per element at most, as an address has one at each of its parts) are
 * added, replaced or removed. Returns false when the structures differ.
 */
function patch(target: Element, source: Element, isError: (e: Element) => boolean): boolean {
  if (target.tagName !== source.tagName) return false;
  syncAttributes(target, source);
  const targetChildren = [...target.children];
  const sourceChildren = [...source.children];
  const oldError = targetChildren.find(isError);
  const newErrorIndex = sourceChildren.findIndex(isError);
  const a = targetChildren.filter((e) => !isError(e));
  const b = sourceChildren.filter((e) => !isError(e));
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (!patch(a[i] as Element, b[i] as Element, isError)) return false;
  }
  oldError?.remove();
  if (newErrorIndex >= 0) {
    const error = document.importNode(sourceChildren[newErrorIndex] as Element, true);
    target.insertBefore(error, target.children[newErrorIndex] ?? null);
  }
  return true;
}

/**
 * Whether an element is an error message of field `key`: `field-<key>-error`, or that of one of
 * its parts, `field-<key>-<part>-error` (field keys contain no "-", so no other field's ids match).
 */
function isFieldError(key: string): (e: Element) => boolean {
  return (e) =>
    e.id === `field-${key}-error` || (e.id.startsWith(`field-${key}-`) && e.id.endsWith('-error'));
}

/** Hidden form field listing the questions shown in the browser (see the citizen step route). */
const SHOWN_FIELD = '_aw_shown';

/** How the page builds views: its locale, and where suggestions for long lists come from. */
interface ViewContext {
  locale: Locale;
  suggestionsUrl?: (fieldKey: string) => string;
}

function enhance(form: HTMLFormElement, logic: StepLogic, view: ViewContext, ctx: EngineContext): void {
  const { locale } = view;
  const stack = form.querySelector('.aw-stack');
  if (!stack) return;
  /** Fields hidden by the client, kept with what was typed in case they come back. */
  const hidden = new Map<string, HTMLElement>();
  const status = document.createElement('div');
  status.className = 'kern-sr-only';
  status.setAttribute('role', 'status');
  form.append(status);

  const wrappers = (): Map<string, HTMLElement> => {
    const map = new Map<string, HTMLElement>();
    for (const el of stack.querySelectorAll<HTMLElement>(`[${FIELD_ATTR}]`)) {
      map.set(el.getAttribute(FIELD_ATTR) ?? '', el);
    }
    return map;
  };

  const fragment = (markup: string): Element | null => {
    const template = document.createElement('template');
    template.innerHTML = markup;
    return template.content.firstElementChild;
  };

  const showErrors = (key: string, wrapper: HTMLElement, raw: RawInput, errors: readonly FieldError[]) => {
    const field = logic.field(key);
    const current = wrapper.firstElementChild;
    if (!field || !current) return;
    const fresh = fragment(
      logic.model.renderField({ ...view, field, value: undefined, raw, error: errors[0], errors }).value,
    );
    if (!fresh) return;
    // Same field, same input: only the error state differs. Should the markup ever differ in
    // structure, leave the page alone rather than replace controls under the citizen's hands.
    patch(current, fresh, isFieldError(key));
  };

  const validate = (key: string, onlyIfShown: boolean) => {
    const wrapper = wrappers().get(key);
    if (!wrapper) return;
    const errorShown = [...wrapper.querySelectorAll('[id]')].some(isFieldError(key));
    if (onlyIfShown && !errorShown) return;
    const raw = rawOf(form);
    const errors = logic.errorsOf(key, raw, ctx);
    if (errors.length === 0 && !errorShown) return;
    showErrors(key, wrapper, raw, errors);
  };

  /** The same for a field of a repeating group item (item fields' conditions are left to the server). */
  const validateItem = (wrapper: HTMLElement, onlyIfShown: boolean) => {
    const name = wrapper.getAttribute(ITEM_FIELD_ATTR) ?? '';
    const errorId = `field-${name}-error`;
    const errorShown = wrapper.querySelector(`[id="${errorId}"]`) !== null;
    if (onlyIfShown && !errorShown) return;
    const raw = rawOf(form);
    const checked = logic.itemErrorOf(name, raw, ctx);
    const current = wrapper.firstElementChild;
    if (!checked || !current || (!checked.error && !errorShown)) return;
    const markup = logic.model.renderField({
      ...view,
      field: checked.field,
      value: undefined,
      raw,
      error: checked.error,
    });
    const fresh = fragment(markup.value);
    if (fresh) patch(current, fresh, (e) => e.id === errorId);
  };

  const updateVisibility = () => {
    const present = wrappers();
    const visible = logic.visibleKeys(rawOf(form), (key) => present.has(key));
    let previous: Element | null = null;
    let revealed = 0;
    for (const field of logic.fields) {
      const key = field.key;
      let wrapper = present.get(key);
      if (visible.has(key)) {
        if (!wrapper) {
          wrapper = hidden.get(key);
          hidden.delete(key);
          if (!wrapper) {
            wrapper = document.createElement('div');
            wrapper.setAttribute(FIELD_ATTR, key);
            wrapper.innerHTML = logic.model.renderField({
              ...view,
              field,
              value: undefined,
              raw: undefined,
              error: undefined,
            }).value;
          }
          if (previous) previous.after(wrapper);
          else stack.prepend(wrapper);
          revealed++;
        }
        previous = wrapper;
      } else if (wrapper && logic.isManaged(key)) {
        wrapper.remove();
        hidden.set(key, wrapper);
      }
    }
    if (revealed > 0) status.textContent = REVEALED[locale](revealed);
  };

  // A pointer pressed on a submit button: focus is about to leave the field, and an error shown
  // now would shift the button away before the click lands. The server checks on submit anyway.
  let pressingSubmit = false;
  form.addEventListener('pointerdown', (event) => {
    pressingSubmit = (event.target as Element | null)?.closest('button[type="submit"]') != null;
  });
  document.addEventListener('pointerup', () => setTimeout(() => (pressingSubmit = false)));
  document.addEventListener('pointercancel', () => (pressingSubmit = false));

  form.addEventListener('focusout', (event) => {
    const item = (event.target as Element | null)?.closest<HTMLElement>(`[${ITEM_FIELD_ATTR}]`);
    if (item) {
      const next = event.relatedTarget as Node | null;
      if ((next && item.contains(next)) || pressingSubmit) return;
      setTimeout(() => {
        if (!document.hasFocus() || item.contains(document.activeElement)) return;
        if (item.isConnected) validateItem(item, false);
      });
      return;
    }
    const wrapper = (event.target as Element | null)?.closest<HTMLElement>(`[${FIELD_ATTR}]`);
    const key = wrapper?.getAttribute(FIELD_ATTR);
    if (!wrapper || !key) return;
    const next = event.relatedTarget as Node | null;
    if (next && wrapper.contains(next)) return; // moving within a group (day → month)
    if (pressingSubmit) return;
    // After the focus has settled: not when the window merely lost focus, nor when focus came
    // back into the same field.
    setTimeout(() => {
      if (!document.hasFocus() || wrapper.contains(document.activeElement)) return;
      if (wrapper.isConnected) validate(key, false);
    });
  });

  // The fee, when this step's answers decide it; polite, so a screen reader hears the new amount.
  let updateFee = () => {};
  const feeLabel = logic.feeLabel;
  if (feeLabel) {
    const fee = document.createElement('p');
    fee.className = 'kern-body aw-live-fee';
    fee.setAttribute('aria-live', 'polite');
    fee.setAttribute('aria-atomic', 'true');
    stack.after(fee);
    updateFee = () => {
      const present = wrappers();
      const cents = logic.fee(rawOf(form), (key) => present.has(key));
      fee.hidden = cents === undefined;
      fee.textContent =
        cents === undefined ? '' : `${localize(feeLabel, locale)}: ${formatCents(cents, locale)}`;
    };
    updateFee();
  }

  const onChange = (event: Event) => {
    const target = event.target as Element | null;
    const item = target?.closest<HTMLElement>(`[${ITEM_FIELD_ATTR}]`);
    const key = item ? undefined : target?.closest(`[${FIELD_ATTR}]`)?.getAttribute(FIELD_ATTR);
    updateVisibility();
    if (item) validateItem(item, true);
    if (key) validate(key, true);
    updateFee();
  };
  form.addEventListener('input', onChange);
  form.addEventListener('change', onChange);
  // The definition arrives after the page: answers given meanwhile already count.
  updateVisibility();

  // Tell the server which questions the citizen saw: a question revealed here and left empty is
  // the citizen's mistake (an error), unlike one the server reveals after a post without JS.
  form.addEventListener('submit', () => {
    let shown = form.querySelector<HTMLInputElement>(`input[name="${SHOWN_FIELD}"]`);
    if (!shown) {
      shown = document.createElement('input');
      shown.type = 'hidden';
      shown.name = SHOWN_FIELD;
      form.append(shown);
    }
    shown.value = [...wrappers().keys()].join(',');
  });
}

/** The definition the form names, as the browser enhancement reads it. */
async function loadDefinition(url: string): Promise<ServiceDefinition> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`definition not available (${response.status})`);
  return (await response.json()) as ServiceDefinition;
}

async function start(): Promise<void> {
  focusErrorSummary();
  enhanceRulePickers();
  const form = document.querySelector<HTMLFormElement>('form[data-aw-step]');
  if (!form) return;
  enhanceSearch(form);
  const url = form.dataset.awDefinition;
  if (!url) return;
  try {
    const logic = stepLogic(await loadDefinition(url), form.dataset.awStep ?? '');
    if (!logic) return;
    const locale: Locale = document.documentElement.lang === 'en' ? 'en' : 'de';
    // The URL of a long list's suggestions is the page's prefix and the field's key (citizen-urls.ts).
    const suggestions = form.dataset.awSuggestions;
    const view: ViewContext = {
      locale,
      ...(suggestions !== undefined && { suggestionsUrl: (key: string) => `${suggestions}${key}` }),
    };
    enhance(form, logic, view, { today: form.dataset.awToday ?? berlinToday() });
    form.setAttribute('data-aw-enhanced', '');
  } catch (error) {
    // The page keeps working as the server rendered it.
    console.error('amtsweg: enhancement not available', error);
  }
}

void start();
