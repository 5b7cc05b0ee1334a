/**
 * Texts of the designer's further pickers (ADR 0046, amendment of 3 December 2026): the code-list
 * picker and the pattern tester of a field's page, cross-field checks and computed values built
 * from pickers. German first; the English catalogue must have every key.
 */
export const pickersDe = {
  'codeList.heading': 'Codeliste',
  'codeList.current': 'Die Auswahl kommt aus der Codeliste „{name}“:',
  'codeList.none':
    'Die Auswahl hat eigene Optionen (oben). Sie kann stattdessen ihre Optionen aus einer Codeliste der Installation nehmen.',
  'codeList.noDirectory':
    'Auf dieser Installation gibt es keine Codelisten. Der Betrieb legt sie als genericode-Dateien im Codelisten-Verzeichnis ab.',
  'codeList.label': 'Name oder URN der Codeliste',
  'codeList.hint': '{count} Codelisten sind verfügbar. Ohne Suchbegriff werden alle gezeigt.',
  'codeList.submit': 'Codeliste suchen',
  'codeList.caption': 'Gefundene Codelisten',
  'codeList.col.name': 'Codeliste',
  'codeList.col.entries': 'Einträge',
  'codeList.col.action': 'Aktion',
  'codeList.version': 'Version {version}',
  'codeList.take': 'übernehmen',
  'codeList.remove': 'Codeliste entfernen',
  'codeList.removeHint':
    'Ohne Codeliste bleiben die Einträge als eigene Optionen der Auswahl erhalten und können oben bearbeitet werden.',
  'codeList.count': '{count} Codelisten gefunden.',
  'codeList.more':
    'Mehr als {count} Codelisten gefunden; die ersten {count} werden gezeigt. Grenzen Sie die Suche ein.',
  'codeList.noMatch': 'Keine Codeliste gefunden für „{query}“.',
  'codeList.error.unknown':
    'Diese Codeliste gibt es auf der Installation nicht (mehr). Suchen Sie sie erneut.',
  'patternTest.heading': 'Muster testen',
  'patternTest.intro':
    'Geben Sie Beispiele ein, eines je Zeile, und sehen Sie, welche das Muster annimmt – so, wie das Formular eine Antwort prüft (ganze Eingabe, ohne Leerzeichen am Anfang und Ende). Gespeichert wird dabei nichts.',
  'patternTest.pattern': 'Muster zum Testen',
  'patternTest.samples': 'Beispiele',
  'patternTest.samplesHint': 'Eines je Zeile, höchstens {max}.',
  'patternTest.submit': 'Muster testen',
  'patternTest.summary': '{matching} von {count} Beispielen passen zum Muster.',
  'patternTest.caption': 'Ergebnis des Tests',
  'patternTest.col.sample': 'Beispiel',
  'patternTest.col.result': 'Ergebnis',
  'patternTest.matches': 'passt',
  'patternTest.noMatch': 'passt nicht',
  'patternTest.error.pattern-missing': 'Geben Sie ein Muster ein.',
  'patternTest.error.pattern-too-long': 'Das Muster ist zu lang (höchstens 1.000 Zeichen).',
  'patternTest.error.pattern-syntax': 'Das Muster ist kein gültiger regulärer Ausdruck.',
  'patternTest.error.pattern-unsafe':
    'Das Muster kann bei manchen Eingaben sehr lange rechnen und den Server blockieren. Es wird weder getestet noch veröffentlicht; vereinfachen Sie es.',
  'patternTest.error.samples-missing': 'Geben Sie mindestens ein Beispiel ein.',
  'patternTest.error.too-many-samples': 'Geben Sie höchstens {max} Beispiele ein.',
  'patternTest.error.sample-too-long':
    'Ein Beispiel ist länger als 1.000 Zeichen; so lange Antworten prüft das Formular nicht gegen das Muster.',
} as const;

export const pickersEn: Record<keyof typeof pickersDe, string> = {
  'codeList.heading': 'Code list',
  'codeList.current': 'The choices come from the code list “{name}”:',
  'codeList.none':
    'The field has its own options (above). It can take its options from one of the installation’s code lists instead.',
  'codeList.noDirectory':
    'This installation has no code lists. The operators put them as genericode files into the code list directory.',
  'codeList.label': 'Name or URN of the code list',
  'codeList.hint': '{count} code lists are available. Without a search term all are shown.',
  'codeList.submit': 'Search code lists',
  'codeList.caption': 'Code lists found',
  'codeList.col.name': 'Code list',
  'codeList.col.entries': 'Entries',
  'codeList.col.action': 'Action',
  'codeList.version': 'Version {version}',
  'codeList.take': 'use',
  'codeList.remove': 'Remove code list',
  'codeList.removeHint':
    'Without a code list the entries stay as the field’s own options and can be edited above.',
  'codeList.count': '{count} code lists found.',
  'codeList.more': 'More than {count} code lists found; the first {count} are shown. Narrow the search.',
  'codeList.noMatch': 'No code list found for “{query}”.',
  'codeList.error.unknown': 'This installation has no such code list (any more). Search for it again.',
  'patternTest.heading': 'Test the pattern',
  'patternTest.intro':
    'Enter examples, one a line, and see which the pattern accepts – as the form checks an answer (the whole input, without spaces at the start and end). Nothing is saved.',
  'patternTest.pattern': 'Pattern to test',
  'patternTest.samples': 'Examples',
  'patternTest.samplesHint': 'One a line, at most {max}.',
  'patternTest.submit': 'Test the pattern',
  'patternTest.summary': '{matching} of {count} examples match the pattern.',
  'patternTest.caption': 'Result of the test',
  'patternTest.col.sample': 'Example',
  'patternTest.col.result': 'Result',
  'patternTest.matches': 'matches',
  'patternTest.noMatch': 'does not match',
  'patternTest.error.pattern-missing': 'Enter a pattern.',
  'patternTest.error.pattern-too-long': 'The pattern is too long (at most 1,000 characters).',
  'patternTest.error.pattern-syntax': 'The pattern is not a valid regular expression.',
  'patternTest.error.pattern-unsafe':
    'The pattern can take very long on some inputs and block the server. It is neither tested nor published; simplify it.',
  'patternTest.error.samples-missing': 'Enter at least one example.',
  'patternTest.error.too-many-samples': 'Enter at most {max} examples.',
  'patternTest.error.sample-too-long':
    'An example is longer than 1,000 characters; the form does not check answers that long against the pattern.',
};
