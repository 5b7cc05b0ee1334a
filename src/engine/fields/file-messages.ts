/**
 * The messages of the `file` field. Those about a single upload (wrong format, too large) are
 * produced by the web layer, which sees the bytes; they live here so both languages of every file
 * message are in one place and the view and the checks speak alike. A `MessageCatalogue` (see
 * `texts.ts`): every message has every language, or it does not compile.
 */
import type { FileField, FileMediaType } from '../../definition/types.ts';
import type { MessageCatalogue, Translated } from '../texts.ts';
import { fileLimits, formatBytes, typeList } from './file-refs.ts';

const both = (types: readonly FileMediaType[], joiner: 'and' | 'or'): Translated => ({
  de: typeList(types, 'de', joiner),
  en: typeList(types, 'en', joiner),
});

export const fileMsg = {
  missing: (): Translated => ({ de: 'Wählen Sie eine Datei aus', en: 'Select a file' }),
  tooMany: (field: FileField): Translated => {
    const max = fileLimits(field).maxFiles;
    return max === 1
      ? { de: 'Hier ist nur eine Datei möglich', en: 'You can upload only one file here' }
      : {
          de: `Hier sind höchstens ${max} Dateien möglich`,
          en: `You can upload no more than ${max} files here`,
        };
  },
  /** A file beyond `maxFiles` in one upload: it was not added. */
  notAdded: (field: FileField, name: string): Translated => {
    const limit = fileMsg.tooMany(field);
    return {
      de: `Die Datei „${name}“ wurde nicht hinzugefügt. ${limit.de}. Entfernen Sie zuerst eine andere Datei`,
      en: `The file "${name}" was not added. ${limit.en}. Remove another file first`,
    };
  },
  wrongType: (field: FileField, name: string): Translated => {
    const { accept } = fileLimits(field);
    return {
      de: `Die Datei „${name}“ hat ein Format, das hier nicht möglich ist. Möglich ${accept.length === 1 ? 'ist' : 'sind'} ${typeList(accept, 'de', 'and')}`,
      en: `The file "${name}" must be a ${typeList(accept, 'en', 'or')}`,
    };
  },
  /** The name says one format, the content is another (`scan.pdf` holding a PNG image). */
  nameMismatch: (name: string, actual: FileMediaType): Translated => {
    const kind = both([actual], 'or');
    return {
      de: `Die Endung der Datei „${name}“ passt nicht zu ihrem Inhalt (${kind.de}). Speichern Sie die Datei mit der richtigen Endung und laden Sie sie erneut hoch`,
      en: `The ending of the file name "${name}" does not match its content (${kind.en}). Save the file with the right ending and upload it again`,
    };
  },
  tooLarge: (field: FileField, name: string): Translated => {
    const max = fileLimits(field).maxSizeBytes;
    return {
      de: `Die Datei „${name}“ muss kleiner als ${formatBytes(max, 'de')} sein`,
      en: `The file "${name}" must be smaller than ${formatBytes(max, 'en')}`,
    };
  },
  empty: (name: string): Translated => ({
    de: `Die Datei „${name}“ ist leer. Wählen Sie eine Datei mit Inhalt aus`,
    en: `The file "${name}" is empty. Select a file with content`,
  }),
  /** The draft holds as many bytes of files as one application may (ADR 0027). */
  draftFull: (max: number, name: string): Translated => ({
    de: `Die Datei „${name}“ wurde nicht hinzugefügt: Ein Antrag kann Dateien von zusammen höchstens ${formatBytes(max, 'de')} enthalten. Entfernen Sie zuerst eine andere Datei`,
    en: `The file "${name}" was not added: one application can hold files of no more than ${formatBytes(max, 'en')} in all. Remove another file first`,
  }),
  /** The malware scanner found something in the file (ADR 0038). */
  infected: (name: string): Translated => ({
    de: `Die Datei „${name}“ wurde nicht angenommen, weil unser Virenschutz darin Schadsoftware gefunden hat. Prüfen Sie die Datei mit einem Virenschutzprogramm und laden Sie eine saubere Fassung hoch`,
    en: `The file "${name}" was not accepted because our virus protection found malware in it. Check the file with a virus scanner and upload a clean copy`,
  }),
  /** The malware scanner could not check the file, and unchecked files are refused (ADR 0038). */
  scannerUnavailable: (name: string): Translated => ({
    de: `Die Datei „${name}“ wurde nicht angenommen, weil sie gerade nicht auf Schadsoftware geprüft werden kann. Versuchen Sie es in ein paar Minuten noch einmal`,
    en: `The file "${name}" was not accepted because it cannot be checked for malware right now. Try again in a few minutes`,
  }),
  /** The whole post was larger than the platform takes at once. */
  requestTooLarge: (max: number): Translated => ({
    de: `Sie können höchstens ${formatBytes(max, 'de')} auf einmal hochladen. Laden Sie die Dateien einzeln hoch`,
    en: `You can upload no more than ${formatBytes(max, 'en')} at once. Upload the files one by one`,
  }),
  /** A stored reference that no longer fits the field (e.g. an answer from another version). */
  invalidStored: (): Translated => ({
    de: 'Eine hochgeladene Datei passt nicht mehr zu den Vorgaben. Entfernen Sie sie und laden Sie sie erneut hoch',
    en: 'An uploaded file no longer meets the requirements. Remove it and upload it again',
  }),
} satisfies MessageCatalogue;
