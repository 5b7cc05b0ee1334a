/**
 * Texts of service packages (ADR 0051): the export link on a service's page and the import page
 * in the Service-Design area. German first; the English catalogue must have every key (the type
 * checker enforces it).
 */
export const packageDe = {
  'package.export.link': 'Version {version} als Paket herunterladen',
  'package.export.intro':
    'Ein Paket enthält eine veröffentlichte Version mit ihren Texten, den Codelisten, die sie verwendet, und ihrer Herkunft — nie die Betriebseinstellungen (Übermittlung, Zugänge, Schlüssel, Aufbewahrung).',
  'package.home.intro': 'Eine Leistung aus einem Paket einer anderen Kommune oder Installation übernehmen:',
  'package.home.link': 'Paket importieren',
  'package.import.title': 'Paket importieren',
  'package.import.intro':
    'Ein Paket wird geprüft wie ein Upload (Format, Prüfsumme, Definition, Codelisten, Grenzen für Muster und Regeln) und wird ein Entwurf im Editor. Veröffentlicht wird nichts: Tragen Sie zuerst Ihre zuständige Stelle ein.',
  'package.import.label': 'Paketdatei',
  'package.import.hint': 'Eine Paketdatei (.amtsweg.json), höchstens {size}.',
  'package.import.submit': 'Paket prüfen und als Entwurf anlegen',
  'package.import.refused': 'Das Paket wurde abgelehnt. Es wurde nichts gespeichert.',
  'package.import.missing': 'Wählen Sie eine Paketdatei aus',
  'package.import.tooLarge': 'Die Datei ist größer als {size}',
  'package.import.notUtf8': 'Die Datei ist nicht in UTF-8 kodiert',
  'package.import.malformedJson': 'Die Datei ist kein gültiges JSON ({detail})',
  'package.import.notAPackage': 'Die Datei ist kein Amtsweg-Paket',
  'package.import.formatVersion': 'Das Paket hat ein Format, das diese Installation nicht lesen kann',
  'package.import.schema': 'Das Paket entspricht nicht dem Paketformat',
  'package.import.hashMismatch':
    'Die Prüfsumme stimmt nicht: Der Inhalt wurde nach dem Export verändert oder beschädigt',
  'package.import.invalidDefinition': 'Die Definition im Paket besteht die Prüfung nicht',
  'package.import.problems.heading': 'Gefundene Probleme',
  'package.import.problems.caption': 'Probleme des Pakets mit ihrer Stelle',
  'package.import.problems.colPath': 'Stelle',
  'package.import.problems.colMessage': 'Problem (englisch)',
  'package.draft.source': 'Aus einem Paket importiert. {note}',
};

export const packageEn: Record<keyof typeof packageDe, string> = {
  'package.export.link': 'Download version {version} as a package',
  'package.export.intro':
    'A package holds a published version with its texts, the code lists it uses and its provenance — never the operational settings (delivery, identity providers, keys, retention).',
  'package.home.intro': "Take over a service from another municipality's or installation's package:",
  'package.home.link': 'Import a package',
  'package.import.title': 'Import a package',
  'package.import.intro':
    'A package is checked like an upload (format, checksum, definition, code lists, limits for patterns and rules) and becomes a draft in the editor. Nothing is published: first enter your own responsible office.',
  'package.import.label': 'Package file',
  'package.import.hint': 'A package file (.amtsweg.json), at most {size}.',
  'package.import.submit': 'Check the package and create a draft',
  'package.import.refused': 'The package was refused. Nothing was stored.',
  'package.import.missing': 'Choose a package file',
  'package.import.tooLarge': 'The file is larger than {size}',
  'package.import.notUtf8': 'The file is not encoded in UTF-8',
  'package.import.malformedJson': 'The file is not valid JSON ({detail})',
  'package.import.notAPackage': 'The file is not an Amtsweg package',
  'package.import.formatVersion': 'The package has a format this installation cannot read',
  'package.import.schema': 'The package does not match the package format',
  'package.import.hashMismatch':
    'The checksum does not match: the content was changed or damaged after the export',
  'package.import.invalidDefinition': 'The definition in the package does not pass the check',
  'package.import.problems.heading': 'Problems found',
  'package.import.problems.caption': "The package's problems with their place",
  'package.import.problems.colPath': 'Place',
  'package.import.problems.colMessage': 'Problem',
  'package.draft.source': 'Imported from a package. {note}',
};
