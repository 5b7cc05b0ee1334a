/**
 * Messages about repeating groups and their items, in both languages: a `MessageCatalogue` like
 * `fields/messages.ts` (see `texts.ts`).
 */
import { type Field, type GroupField, type LocalizedText, localize } from '../../definition/types.ts';
import { inSentence, type MessageCatalogue, type Translated } from '../texts.ts';

const en = (text: LocalizedText) => localize(text, 'en');

/** "Kind 2" / "Child 2". */
export function itemName(group: GroupField, n: number): Translated {
  return { de: `${group.itemLabel.de} ${n}`, en: `${en(group.itemLabel)} ${n}` };
}

/** A message led by where it belongs: "Kind 2: …". */
function at(place: Translated, message: LocalizedText): Translated {
  return { de: `${place.de}: ${message.de}`, en: `${place.en}: ${en(message)}` };
}

/**
 * An item field's message naming the item and the item's question: "Kind 2, Vorname: Geben Sie
 * eine Antwort ein". It names its place itself, so the error summary lists it as it is.
 */
export function inItem(group: GroupField, n: number, message: LocalizedText, field: Field): Translated {
  const name = itemName(group, n);
  if (!('label' in field)) return at(name, message);
  return at({ de: `${name.de}, ${field.label.de}`, en: `${name.en}, ${en(field.label)}` }, message);
}

const entriesDe = (n: number) => (n === 1 ? 'einen Eintrag' : `${n} Einträge`);
const entriesEn = (n: number) => (n === 1 ? 'one entry' : `${n} entries`);

export const groupMsg = {
  tooFew: (min: number): Translated => ({
    de: `Fügen Sie mindestens ${entriesDe(min)} hinzu`,
    en: `Add at least ${entriesEn(min)}`,
  }),
  tooMany: (max: number): Translated => ({
    de: `Hier sind höchstens ${entriesDe(max)} möglich. Entfernen Sie, was zu viel ist`,
    en: `You can add no more than ${entriesEn(max)} here. Remove the ones that are too many`,
  }),
  /** An item where nothing was entered. */
  emptyItem: (group: GroupField, n: number, removable: boolean): Translated =>
    at(
      itemName(group, n),
      removable
        ? {
            de: `Machen Sie mindestens eine Angabe oder entfernen Sie ${itemName(group, n).de}`,
            en: `Enter at least one answer or remove ${inSentence(itemName(group, n).en)}`,
          }
        : { de: 'Machen Sie mindestens eine Angabe', en: 'Enter at least one answer' },
    ),
  /** A stored answer that is not a list of items (e.g. from another definition version). */
  notAList: (): Translated => ({
    de: 'Die Einträge passen nicht mehr zu den Fragen. Geben Sie sie erneut ein',
    en: 'The entries no longer fit the questions. Enter them again',
  }),
} satisfies MessageCatalogue;
