/**
 * The texts of the FIM import in one place: the notes it reports about elements it simplified or
 * left out, and the reasons it refuses a file. German first, like the designer area they are
 * shown in, with English beside them; a text without either does not compile (`FimText`). The
 * English refusal is also the error's `message`, for logs and the command line.
 *
 * Terms of art of XDatenfelder stay as they are in both languages (Datenfeld, Datenfeldgruppe,
 * anzahl, praezisierung, feldart, datentyp), so a note can be matched with the FIM file.
 */

/** A text of the FIM import in both languages. */
export interface FimText {
  readonly de: string;
  readonly en: string;
}

type Catalogue = { readonly [key: string]: (...args: never[]) => FimText };

/** Notes on what the import simplified or left out; each names its element separately. */
export const note = {
  officePlaceholder: (): FimText => ({
    de: 'Die zuständige Stelle ist ein Platzhalter („Zuständige Stelle (bitte ergänzen)“): tragen Sie sie vor dem Veröffentlichen ein',
    en: 'the responsible office is a placeholder ("Zuständige Stelle (bitte ergänzen)"): set it before publishing',
  }),
  unmapped: (name: string): FimText => ({
    de: `Das Element <${name}> wird nicht übernommen und wurde weggelassen`,
    en: `element <${name}> is not mapped and was left out`,
  }),
  ruleKept: (name: string, on: string): FimText => ({
    de: `Die Regel „${name}“ (an ${on}) wurde als Notiz zur Definition übernommen und wird nicht geprüft: prüfen Sie sie und drücken Sie sie als Bedingung oder Validierung aus; ihr Skript wird nie ausgeführt`,
    en: `rule "${name}" (on ${on}) was kept as a note on the definition and is not enforced: review it and express it as a condition or validation; its script is never executed`,
  }),
  anzahlUnreadable: (anzahl: string): FimText => ({
    de: `anzahl „${anzahl}“ hat nicht die Form min:max; als optional übernommen`,
    en: `anzahl "${anzahl}" is not of the form min:max; imported as optional`,
  }),
  groupRepeatedInItem: (anzahl: string, label: string): FimText => ({
    de: `anzahl ${anzahl}: Wiederholung ist innerhalb eines Eintrags einer wiederholbaren Gruppe nicht möglich (Gruppen lassen sich nicht verschachteln); „${label}“ wurde einmal übernommen`,
    en: `anzahl ${anzahl}: repetition is not supported inside an item of a repeating group (groups do not nest); "${label}" was imported once`,
  }),
  fieldRepeated: (anzahl: string, label: string): FimText => ({
    de: `anzahl ${anzahl}: ein einzelnes Datenfeld kann noch nicht wiederholt werden; „${label}“ wurde einmal übernommen`,
    en: `anzahl ${anzahl}: repetition of a single field is not supported yet; "${label}" was imported once`,
  }),
  groupEmptyNoStep: (label: string): FimText => ({
    de: `Die Gruppe „${label}“ enthält keine Datenfelder; es wurde kein Schritt angelegt`,
    en: `group "${label}" contains no fields; no step was created`,
  }),
  groupOptional: (label: string, anzahl: string): FimText => ({
    de: `Die Gruppe „${label}“ ist optional (anzahl ${anzahl}): optionale Gruppen lassen sich noch nicht ausdrücken, ihre Datenfelder wurden daher als optional übernommen`,
    en: `group "${label}" is optional (anzahl ${anzahl}): optional groups cannot be expressed yet, so its fields were imported as optional`,
  }),
  choiceGroup: (label: string): FimText => ({
    de: `Die Gruppe „${label}“ ist eine Auswahlgruppe (art X, genau einer ihrer Teile): als einfache Gruppe mit optionalen Datenfeldern übernommen; prüfen Sie sie`,
    en: `group "${label}" is a choice group (art X, exactly one of its parts): imported as a plain group with optional fields; review it`,
  }),
  choiceGroupItems: (label: string): FimText => ({
    de: `Die Gruppe „${label}“ ist eine Auswahlgruppe (art X, genau einer ihrer Teile): ihre Einträge wurden mit optionalen Datenfeldern übernommen; prüfen Sie sie`,
    en: `group "${label}" is a choice group (art X, exactly one of its parts): its items were imported with optional fields; review it`,
  }),
  groupEmpty: (label: string): FimText => ({
    de: `Die Gruppe „${label}“ enthält keine Datenfelder und wurde weggelassen`,
    en: `group "${label}" contains no fields and was left out`,
  }),
  unboundedGroup: (anzahl: string, maxItems: number): FimText => ({
    de: `anzahl ${anzahl}: als wiederholbare Gruppe mit höchstens ${maxItems} Einträgen übernommen (maxItems); passen Sie das an, wenn mehr nötig sind`,
    en: `anzahl ${anzahl}: imported as a repeating group of at most ${maxItems} items (maxItems); adjust it if more are needed`,
  }),
  tooManyItems: (anzahl: string, max: number): FimText => ({
    de: `anzahl ${anzahl}: höchstens ${max} Einträge sind möglich; maxItems wurde auf ${max} gesetzt`,
    en: `anzahl ${anzahl}: at most ${max} items are possible; maxItems was set to ${max}`,
  }),
  flattened: (label: string): FimText => ({
    de: `Die verschachtelte Gruppe „${label}“ wurde in ihren Schritt aufgelöst, eingeleitet von einer Überschrift (Feldgruppen gibt es noch nicht)`,
    en: `nested group "${label}" was flattened into its step, introduced by a heading (field groups are not supported yet)`,
  }),
  feldartUnsupported: (feldart: string): FimText => ({
    de: `feldart „${feldart}“ wird nicht unterstützt; als normales Eingabefeld übernommen`,
    en: `feldart "${feldart}" is not supported; imported as a normal input field`,
  }),
  feldartUnknown: (feldart: string): FimText => ({
    de: `Unbekannte feldart „${feldart}“; als Eingabefeld übernommen`,
    en: `unknown feldart "${feldart}"; imported as an input field`,
  }),
  prefill: (value: string): FimText => ({
    de: `vorbefuellung „${value}“ (Vorbefüllung) wird noch nicht unterstützt`,
    en: `vorbefuellung "${value}" (prefill) is not supported yet`,
  }),
  defaultValue: (value: string): FimText => ({
    de: `Der Vorgabewert (inhalt „${value}“) wird noch nicht unterstützt und wurde weggelassen`,
    en: `default value (inhalt "${value}") is not supported yet and was left out`,
  }),
  praezisierungNotJson: (text: string): FimText => ({
    de: `praezisierung ist kein gültiges JSON und wurde nicht beachtet: ${text}`,
    en: `praezisierung is not valid JSON and was ignored: ${text}`,
  }),
  praezisierungNotApplicable: (name: string, value: string): FimText => ({
    de: `praezisierung ${name}="${value}" passt nicht zu diesem Datenfeld und wurde weggelassen`,
    en: `praezisierung ${name}="${value}" does not apply to this field and was left out`,
  }),
  textLatin: (): FimText => ({
    de: 'datentyp text_latin: der erlaubte Zeichensatz (DIN SPEC 91379) wird noch nicht geprüft',
    en: 'datentyp text_latin: the allowed character set (DIN SPEC 91379) is not checked yet',
  }),
  noDatentyp: (): FimText => ({
    de: 'Kein datentyp angegeben; als Textfeld übernommen',
    en: 'no datentyp given; imported as a text field',
  }),
  lengthContradicts: (min: number, max: number): FimText => ({
    de: `Länge: das Minimum ${min} ist größer als das Maximum ${max}; beide wurden weggelassen`,
    en: `length: minimum ${min} is greater than maximum ${max}; both were left out`,
  }),
  patternOnTextarea: (): FimText => ({
    de: 'Ein Muster (pattern) für langen Text (textarea) wird nicht unterstützt und wurde weggelassen',
    en: 'a pattern on long text (textarea) is not supported and was left out',
  }),
  dateRangeContradicts: (min: string, max: string): FimText => ({
    de: `Datumsbereich: das Minimum ${min} liegt nach dem Maximum ${max}; beide wurden weggelassen`,
    en: `date range: minimum ${min} is greater than maximum ${max}; both were left out`,
  }),
  valueRangeContradicts: (min: number, max: number): FimText => ({
    de: `Wertebereich: das Minimum ${min} ist größer als das Maximum ${max}; beide wurden weggelassen`,
    en: `value range: minimum ${min} is greater than maximum ${max}; both were left out`,
  }),
  fileInItem: (label: string): FimText => ({
    de: `datentyp file: ein Datei-Upload ist innerhalb einer wiederholbaren Gruppe nicht möglich; als Hinweis übernommen, „${label}“ gesondert einzureichen`,
    en: `datentyp file: a file upload is not possible inside a repeating group; imported as a notice asking for "${label}" to be sent separately`,
  }),
  fileSizeNotTaken: (maxSize: string, maxMiB: number): FimText => ({
    de: `maxSize „${maxSize}“ wurde nicht übernommen: eine Datei darf bis zu ${maxMiB} MiB groß sein; passen Sie maxSizeBytes bei Bedarf an`,
    en: `maxSize "${maxSize}" was not taken over: a file may be up to ${maxMiB} MiB; adjust maxSizeBytes if needed`,
  }),
  mediaTypeUnsupported: (mediaType: string, supported: string): FimText => ({
    de: `mediaType „${mediaType}“ kann nicht hochgeladen werden (möglich sind ${supported}); es werden alle diese Dateiarten angenommen`,
    en: `mediaType "${mediaType}" cannot be uploaded (possible are ${supported}); all of these file types are accepted`,
  }),
  noEquivalent: (datentyp: string): FimText => ({
    de: `datentyp „${datentyp}“ hat keine Entsprechung; als Textfeld übernommen`,
    en: `datentyp "${datentyp}" has no equivalent; imported as a text field`,
  }),
  notANumber: (name: string, raw: string): FimText => ({
    de: `praezisierung ${name}="${raw}" ist keine Zahl und wurde weggelassen`,
    en: `praezisierung ${name}="${raw}" is not a number and was left out`,
  }),
  notAWholeNumber: (name: string, value: number): FimText => ({
    de: `praezisierung ${name}=${value} ist keine nicht negative ganze Zahl und wurde weggelassen`,
    en: `praezisierung ${name}=${value} is not a non-negative whole number and was left out`,
  }),
  notADate: (name: string, raw: string): FimText => ({
    de: `praezisierung ${name}="${raw}" ist kein Kalenderdatum (JJJJ-MM-TT) und wurde weggelassen`,
    en: `praezisierung ${name}="${raw}" is not a calendar date (YYYY-MM-DD) and was left out`,
  }),
  patternXsdOnly: (regex: string): FimText => ({
    de: `Das Muster „${regex}“ verwendet Schreibweisen, die es nur in XML Schema gibt, und wurde weggelassen`,
    en: `pattern "${regex}" uses XML Schema-only syntax and was left out`,
  }),
  patternInvalid: (regex: string): FimText => ({
    de: `Das Muster „${regex}“ ist kein gültiger regulärer Ausdruck und wurde weggelassen`,
    en: `pattern "${regex}" is not a valid regular expression and was left out`,
  }),
  patternMessageGeneric: (regex: string): FimText => ({
    de: `Zum Muster „${regex}“ gibt es weder ein Beispiel noch eine Beschreibung: die Fehlermeldung sagt nur „nicht das erwartete Format“; ergänzen Sie in pattern.message ein Beispiel`,
    en: `pattern "${regex}" comes with neither an example nor a description: its error message only says "not in the expected format"; add an example to pattern.message`,
  }),
  codeListUnresolved: (name: string): FimText => ({
    de: `Die Codeliste ${name} wurde nicht gefunden; als Textfeld übernommen, das den Code annimmt`,
    en: `code list ${name} could not be resolved; imported as a text field that accepts the code`,
  }),
  selectWithoutValues: (): FimText => ({
    de: 'Auswahlfeld ohne Codeliste oder Werte; als Textfeld übernommen',
    en: 'select field without code list or values; imported as a text field',
  }),
  optionLeftOut: (value: string): FimText => ({
    de: `Die Option „${value}“ ist leer, zu lang oder doppelt und wurde weggelassen`,
    en: `option "${value}" is empty, too long or repeated and was left out`,
  }),
  noUsableValues: (): FimText => ({
    de: 'Die Codeliste hat keine verwendbaren Werte; als Textfeld übernommen',
    en: 'the code list has no usable values; imported as a text field',
  }),
} as const satisfies Catalogue;
