/**
 * Messages about repeating groups and their items, in both languages: a `MessageCatalogue` like
 * `fields/messages.ts` (see `texts.ts`).
 */
import { type GroupField, type LocalizedText, localize } from '../../definition/types.ts';
import type { MessageCatalogue, Translated } from '../texts.ts';

const en = (text: LocalizedText) => localize(text, 'en');

/** "Kind 2" / "Child 2". */
export function itemName(group: GroupField, n: number): Translated {
  return { de: `${group.itemLabel.de} ${n}`, en: `${en(group.itemLabel)} ${n}` };
}

/** An item field's message naming the item: "Kind 2: Geben Sie „Vorname“ an". */
export function inItem(group: GroupField, n: number, message: LocalizedText): Translated {
  const name = itemName(group, n);
  return { de: `${name.de}: ${message.de}`, en: `${name.en}: ${en(message)}` };
}

const entriesDe = (n: number) => (n === 1 ? 'einen Eintrag' : `${n} Einträge`);
const entriesEn = (n: number) => (n === 1 ? 'one entry' : `${n} entries`);

export const groupMsg = {
  tooFew: (group: GroupField, min: number): Translated => ({
    de: `Geben Sie bei „${group.label.de}“ mindestens ${entriesDe(min)} an`,
    en: `Enter at least ${entriesEn(min)} for ${en(group.label)}`,
  }),
  tooMany: (group: GroupField, max: number): Translated => ({
    de: `Bei „${group.label.de}“ sind höchstens ${entriesDe(max)} möglich`,
    en: `${en(group.label)} can have at most ${entriesEn(max)}`,
  }),
  /** An item where nothing was entered. */
  emptyItem: (group: GroupField, n: number, removable: boolean): Translated =>
    inItem(
      group,
      n,
      removable
        ? {
            de: `Machen Sie mindestens eine Angabe oder entfernen Sie ${itemName(group, n).de}`,
            en: `Enter at least one answer or remove ${itemName(group, n).en}`,
          }
        : { de: 'Machen Sie mindestens eine Angabe', en: 'Enter at least one answer' },
    ),
  /** A stored answer that is not a list of items (e.g. from another definition version). */
  notAList: (group: GroupField): Translated => ({
    de: `Geben Sie „${group.label.de}“ erneut an`,
    en: `Enter ${en(group.label)} again`,
  }),
} satisfies MessageCatalogue;
