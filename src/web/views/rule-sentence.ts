/**
 * A rule in words (ADR 0046): "Zeige *Sachkundenachweis*, wenn *Listenhund* = Ja", from the
 * pickers of `definition/edit/rule-pickers.ts`, with field and option labels in the reader's
 * language. A rule the pickers cannot show is said to stay as JSON Logic.
 */
import {
  describePickers,
  type PickerNode,
  readPickers,
  type SentencePart,
  type ValueWords,
} from '../../definition/edit/rule-pickers.ts';
import { type Locale, type LocalizedText, localize, type ServiceDefinition } from '../../definition/types.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { tHtml } from '../i18n.ts';

const name = (text: LocalizedText, l: Locale): SafeHtml => html`<em>${localize(text, l)}</em>`;

function value(words: ValueWords, l: Locale): SafeHtml {
  switch (words.kind) {
    case 'yes':
      return tHtml(l, 'rule.value.yes', {});
    case 'no':
      return tHtml(l, 'rule.value.no', {});
    case 'option':
    case 'field':
      return name(words.label, l);
    case 'literal':
      return html`<code>${words.text}</code>`;
  }
}

/** "A, B oder C". */
function alternatives(values: readonly ValueWords[], l: Locale): SafeHtml {
  const or = tHtml(l, 'rule.join.or', {});
  return html`${values.map((v, i) => html`${i === 0 ? '' : i === values.length - 1 ? html` ${or} ` : ', '}${value(v, l)}`)}`;
}

function condition(part: SentencePart, l: Locale, nested: boolean): SafeHtml {
  if (part.kind === 'group') {
    const join = tHtml(l, `rule.join.${part.join}`, {});
    const inner = html`${part.items.map((item, i) => html`${i === 0 ? '' : html` ${join} `}${condition(item, l, true)}`)}`;
    return nested && part.items.length > 1 ? html`(${inner})` : inner;
  }
  return tHtml(l, `rule.op.${part.operator}`, {
    field: name(part.field, l),
    value: alternatives(part.values, l),
  });
}

/**
 * The sentence of a rule of `subject` (a field's label or a step's title), or the note that it
 * stays JSON; nothing for an absent rule.
 */
export function ruleSentence(
  l: Locale,
  kind: 'showIf' | 'requiredIf',
  subject: LocalizedText,
  rule: unknown,
  definition: ServiceDefinition,
): SafeHtml | undefined {
  if (rule === undefined) return undefined;
  const read = readPickers(rule);
  if (!read.ok) return tHtml(l, 'rule.sentence.notRepresentable', {});
  return tHtml(l, `rule.sentence.${kind}`, {
    subject: name(subject, l),
    condition: condition(describePickers(read.node, definition), l, false),
  });
}

/** A condition in words ("*Listenhund* = Ja"), for sentences of other rules (the fee's rows). */
export function conditionWords(l: Locale, node: PickerNode, definition: ServiceDefinition): SafeHtml {
  return condition(describePickers(node, definition), l, false);
}
