/**
 * XDatenfelder XML (2.0 and 3.0.0) → a small version-neutral model. Everything version-specific
 * (element names, `praezisierung` as JSON text in 2.0 vs. attributes in 3.0.0, `script` vs.
 * `skript`) is resolved here, so the mapping to a definition (map.ts) handles one shape only.
 *
 * Refusals (duplicate ids, missing identification) are thrown as FimImportError; elements that are
 * read but not understood are recorded in `unmapped` so the mapping can warn about each of them.
 */
import { FimImportError } from './errors.ts';
import { child, childText, clean, codeOf, type XmlElement } from './xml.ts';

export const NAMESPACES = {
  '2.0': 'urn:xoev-de:fim:standard:xdatenfelder_2',
  '3.0.0': 'urn:xoev-de:fim:standard:xdatenfelder_3.0.0',
} as const;
export type XdfVersion = keyof typeof NAMESPACES;

export interface FimRule {
  id: string;
  version?: string;
  name: string;
  /** Human-readable description (beschreibung, definition, freitextRegel). */
  text: string;
  /** The rule's script, kept as text only: it is never executed. */
  script: string;
}

interface FimElementBase {
  id: string;
  version?: string;
  name: string;
  /** bezeichnungEingabe, or the name. */
  label: string;
  hint: string;
  /** `anzahl` of the surrounding `struktur`, e.g. "0:1"; '' at the top of a message. */
  anzahl: string;
  rules: FimRule[];
  /** Local names of child elements that the mapping does not understand. */
  unmapped: string[];
  line: number;
}

export interface FimField extends FimElementBase {
  kind: 'field';
  feldart: string;
  datentyp: string;
  /** minLength, maxLength, minValue, maxValue, pattern, ... as strings. */
  praezisierung: Record<string, string>;
  /** Set when the 2.0 JSON `praezisierung` could not be read. */
  praezisierungError?: string;
  inhalt: string;
  vorbefuellung: string;
  codeList?: { id?: string; canonicalUri?: string; version?: string; canonicalVersionUri?: string };
  /** Values listed in the field itself (3.0.0 `werte`). */
  values?: Array<{ code: string; name: string }>;
  /** For datentyp file (3.0.0): the largest file and the media type accepted, as written. */
  maxSize?: string;
  mediaType?: string;
}

export interface FimGroup extends FimElementBase {
  kind: 'group';
  /** 3.0.0 `art`: 'X' is a choice group (exactly one child). */
  art: string;
  children: FimNode[];
}

export type FimNode = FimField | FimGroup;

export interface FimDocument {
  xdfVersion: XdfVersion;
  /** What the message carries: a whole Stammdatenschema or a single Datenfeldgruppe. */
  root: 'stammdatenschema' | 'datenfeldgruppe';
  id: string;
  version?: string;
  name: string;
  label: string;
  description: string;
  /** All `bezug` texts and links of the root element, searched for a LeiKa key. */
  references: string[];
  rules: FimRule[];
  children: FimNode[];
  unmapped: string[];
  line: number;
}

/** Metadata without meaning for a form; documented in docs/designer/fim-import.md. */
const METADATA = new Set([
  'identifikation',
  'name',
  'beschreibung',
  'definition',
  'bezug',
  'status',
  'freigabestatus',
  'statusGesetztAm',
  'statusGesetztDurch',
  'fachlicherErsteller',
  'versionshinweis',
  'freigabedatum',
  'veroeffentlichungsdatum',
  'gueltigAb',
  'gueltigBis',
  'letzteAenderung',
  'bezeichnungAusgabe',
  'hilfetextAusgabe',
  'schemaelementart',
  'stichwort',
  'relation',
  'ableitungsmodifikationenStruktur',
  'ableitungsmodifikationenRepraesentation',
  'dokumentsteckbrief',
]);
const SCHEMA_USED = new Set([
  'bezeichnungEingabe',
  'bezeichnung',
  'hilfetext',
  'hilfetextEingabe',
  'regel',
  'struktur',
]);
const GROUP_USED = new Set(['bezeichnungEingabe', 'hilfetextEingabe', 'regel', 'struktur', 'art']);
const FIELD_USED = new Set([
  'bezeichnungEingabe',
  'hilfetextEingabe',
  'feldart',
  'datentyp',
  'praezisierung',
  'inhalt',
  'vorbefuellung',
  'codelisteReferenz',
  'werte',
  'codeKey',
  'nameKey',
  'helpKey',
  'regel',
  'maxSize',
  'mediaType',
]);
const PRAEZISIERUNG_ATTRIBUTES = [
  'minLength',
  'maxLength',
  'minValue',
  'maxValue',
  'pattern',
  'totalDigits',
  'fractionDigits',
];

/** Parts of a `regel`: everything in it is kept (as text), so none of its children is unmapped. */
const RULE_USED = new Set(['skript', 'script', 'freitextRegel']);
/** Every name `Parts` can be asked for, numbered. */
const SLOTS = new Map(
  [...new Set([...METADATA, ...SCHEMA_USED, ...GROUP_USED, ...FIELD_USED, ...RULE_USED])].map(
    (name, i) => [name, i] as const,
  ),
);

interface Seen {
  kind: string;
  version: string | undefined;
  name: string;
  line: number;
}

/**
 * The direct children of one element, sorted in a single pass: the first child of each
 * XDatenfelder name, all `regel`, `struktur` and `bezug` children, and the names that nothing
 * reads (for the warnings). Looking children up one name at a time, plus a separate pass for the
 * unmapped ones, visited every child of every Datenfeld about fifteen times.
 */
class Parts {
  /** First child per name, indexed by SLOTS (cheaper than a Map per element). */
  private readonly first: Array<XmlElement | undefined> = new Array(SLOTS.size);
  readonly rules: XmlElement[] = [];
  readonly structures: XmlElement[] = [];
  readonly references: XmlElement[] = [];
  readonly unmapped: string[] = [];

  constructor(element: XmlElement, ns: string, used: ReadonlySet<string>) {
    for (const c of element.children) {
      const name = c.name;
      if (c.ns !== ns) {
        this.unmapped.push(`{${c.ns}}${name}`);
        continue;
      }
      if (!used.has(name) && !METADATA.has(name)) {
        this.unmapped.push(name);
        continue;
      }
      if (name === 'regel') this.rules.push(c);
      else if (name === 'struktur') this.structures.push(c);
      else if (name === 'bezug') this.references.push(c);
      else {
        const slot = SLOTS.get(name);
        if (slot !== undefined && this.first[slot] === undefined) this.first[slot] = c;
      }
    }
  }

  get(name: string): XmlElement | undefined {
    const slot = SLOTS.get(name);
    return slot === undefined ? undefined : this.first[slot];
  }

  /** Cleaned text of the first child with this name, '' when absent. */
  text(name: string): string {
    return clean(this.get(name)?.text);
  }
}

/** Everything a FimGroup and a FimField share, read by `FimReader.base`. */
interface Base {
  id: string;
  version: string | undefined;
  name: string;
  label: string;
  hint: string;
  anzahl: string;
  rules: FimRule[];
  unmapped: string[];
  line: number;
}

export class FimReader {
  /** id → first occurrence, to refuse one id used for different elements. */
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly ns: string,
    private readonly xdfVersion: XdfVersion,
  ) {}

  readDocument(root: XmlElement, kind: FimDocument['root'], element: XmlElement): FimDocument {
    const parts = new Parts(element, this.ns, kind === 'stammdatenschema' ? SCHEMA_USED : GROUP_USED);
    const { id, version } = this.identify(
      parts,
      element,
      kind === 'stammdatenschema' ? 'Stammdatenschema' : 'Datenfeldgruppe',
    );
    const name = parts.text('name');
    const references: string[] = [];
    for (const bezug of parts.references) {
      references.push(clean(bezug.text));
      if (bezug.attrs.link) references.push(bezug.attrs.link);
    }
    const doc: FimDocument = {
      xdfVersion: this.xdfVersion,
      root: kind,
      id,
      name,
      label: parts.text('bezeichnungEingabe') || parts.text('bezeichnung') || name,
      description: parts.text('beschreibung'),
      references,
      rules: this.rules(parts),
      children: this.structure(parts),
      unmapped: parts.unmapped,
      line: root.line,
    };
    if (version) doc.version = version;
    return doc;
  }

  private identify(
    parts: Parts,
    element: XmlElement,
    what: string,
  ): { id: string; version: string | undefined } {
    const identification = parts.get('identifikation');
    const id = identification ? childText(identification, this.ns, 'id') : '';
    if (!id) {
      throw new FimImportError('FIM_MISSING_ELEMENT', {
        de: `Zeile ${element.line}: ${what} „${parts.text('name')}“ hat keine identifikation/id`,
        en: `line ${element.line}: ${what} "${parts.text('name')}" has no identifikation/id`,
      });
    }
    const version = identification ? childText(identification, this.ns, 'version') || undefined : undefined;
    return { id, version };
  }

  /** Records an id; the same element reused elsewhere is fine, a different one under the same id is not. */
  private register(kind: string, id: string, version: string | undefined, name: string, line: number): void {
    const before = this.seen.get(id);
    if (!before) {
      this.seen.set(id, { kind, version, name, line });
      return;
    }
    if (before.kind !== kind || before.version !== version || before.name !== name) {
      throw new FimImportError('FIM_DUPLICATE_ID', {
        de: `Die id ${id} kommt doppelt vor: Zeile ${before.line} hat ${before.kind} „${before.name}“ Version ${before.version ?? '-'}, Zeile ${line} hat ${kind} „${name}“ Version ${version ?? '-'}`,
        en: `duplicate id ${id}: line ${before.line} has ${before.kind} "${before.name}" version ${before.version ?? '-'}, line ${line} has ${kind} "${name}" version ${version ?? '-'}`,
      });
    }
  }

  private rules(parts: Parts): FimRule[] {
    if (parts.rules.length === 0) return [];
    const rules: FimRule[] = [];
    for (const regel of parts.rules) {
      const ruleParts = new Parts(regel, this.ns, RULE_USED);
      const { id, version } = this.identify(ruleParts, regel, 'Regel');
      const name = ruleParts.text('name');
      this.register('Regel', id, version, name, regel.line);
      const texts: string[] = [];
      for (const n of ['beschreibung', 'definition', 'freitextRegel']) {
        const t = ruleParts.text(n);
        if (t !== '') texts.push(t);
      }
      const script = (ruleParts.get('skript') ?? ruleParts.get('script'))?.text.trim() ?? '';
      const rule: FimRule = version
        ? { id, version, name, text: texts.join('\n\n'), script }
        : { id, name, text: texts.join('\n\n'), script };
      rules.push(rule);
    }
    return rules;
  }

  /** The children of `struktur` elements, each carrying the `anzahl` of its wrapper. */
  private structure(parts: Parts): FimNode[] {
    const nodes: FimNode[] = [];
    const siblings = new Set<string>();
    for (const struktur of parts.structures) {
      const anzahl = childText(struktur, this.ns, 'anzahl');
      for (const enthaelt of struktur.children) {
        if (enthaelt.name !== 'enthaelt' || enthaelt.ns !== this.ns) continue;
        for (const item of enthaelt.children) {
          if (item.ns !== this.ns) continue;
          let node: FimNode | undefined;
          if (item.name === 'datenfeld') node = this.field(item, anzahl);
          else if (item.name === 'datenfeldgruppe') node = this.group(item, anzahl);
          if (!node) continue;
          // The same element twice in one group is a modelling error: FIM expresses repetition
          // with `anzahl`, so a sibling duplicate would become two answers for one question.
          if (siblings.has(node.id)) {
            throw new FimImportError('FIM_DUPLICATE_ID', {
              de: `Zeile ${item.line}: Die id ${node.id} kommt doppelt vor: das Element steht zweimal in derselben Gruppe`,
              en: `line ${item.line}: duplicate id ${node.id}: the element appears twice in the same group`,
            });
          }
          siblings.add(node.id);
          nodes.push(node);
        }
      }
    }
    return nodes;
  }

  private base(parts: Parts, element: XmlElement, what: string, anzahl: string): Base {
    const { id, version } = this.identify(parts, element, what);
    const name = parts.text('name');
    this.register(what, id, version, name, element.line);
    return {
      id,
      version,
      name,
      label: parts.text('bezeichnungEingabe') || name || id,
      hint: parts.text('hilfetextEingabe'),
      anzahl,
      rules: this.rules(parts),
      unmapped: parts.unmapped,
      line: element.line,
    };
  }

  private group(element: XmlElement, anzahl: string): FimGroup {
    const parts = new Parts(element, this.ns, GROUP_USED);
    const b = this.base(parts, element, 'Datenfeldgruppe', anzahl);
    const group: FimGroup = {
      kind: 'group',
      id: b.id,
      name: b.name,
      label: b.label,
      hint: b.hint,
      anzahl: b.anzahl,
      rules: b.rules,
      unmapped: b.unmapped,
      line: b.line,
      art: codeOf(parts.get('art')),
      children: this.structure(parts),
    };
    if (b.version) group.version = b.version;
    return group;
  }

  private field(element: XmlElement, anzahl: string): FimField {
    const parts = new Parts(element, this.ns, FIELD_USED);
    const b = this.base(parts, element, 'Datenfeld', anzahl);
    const field: FimField = {
      kind: 'field',
      id: b.id,
      name: b.name,
      label: b.label,
      hint: b.hint,
      anzahl: b.anzahl,
      rules: b.rules,
      unmapped: b.unmapped,
      line: b.line,
      feldart: codeOf(parts.get('feldart')),
      datentyp: codeOf(parts.get('datentyp')),
      praezisierung: {},
      inhalt: parts.text('inhalt'),
      vorbefuellung: codeOf(parts.get('vorbefuellung')),
    };
    if (b.version) field.version = b.version;
    const maxSize = parts.text('maxSize');
    if (maxSize) field.maxSize = maxSize;
    const mediaType = parts.text('mediaType');
    if (mediaType) field.mediaType = mediaType;
    const praezisierung = parts.get('praezisierung');
    if (praezisierung) field.praezisierung = this.readPraezisierung(praezisierung, field);
    const reference = parts.get('codelisteReferenz');
    if (reference) {
      // 2.0 nests the genericode data in genericodeIdentification; 3.0.0 has it directly.
      const gc = child(reference, this.ns, 'genericodeIdentification') ?? reference;
      const id = childText(child(reference, this.ns, 'identifikation') ?? reference, this.ns, 'id');
      const canonicalUri = childText(gc, this.ns, 'canonicalIdentification');
      const version = childText(gc, this.ns, 'version');
      const canonicalVersionUri = childText(gc, this.ns, 'canonicalVersionUri');
      const codeList: NonNullable<FimField['codeList']> = {};
      if (id) codeList.id = id;
      if (canonicalUri) codeList.canonicalUri = canonicalUri;
      if (version) codeList.version = version;
      if (canonicalVersionUri) codeList.canonicalVersionUri = canonicalVersionUri;
      field.codeList = codeList;
    }
    const werte = parts.get('werte');
    if (werte) {
      const values: Array<{ code: string; name: string }> = [];
      for (const wert of werte.children) {
        if (wert.name !== 'wert' || wert.ns !== this.ns) continue;
        values.push({ code: childText(wert, this.ns, 'code'), name: childText(wert, this.ns, 'name') });
      }
      field.values = values;
    }
    return field;
  }

  private readPraezisierung(element: XmlElement, field: FimField): Record<string, string> {
    const values: Record<string, string> = {};
    const attrs = element.attrs;
    for (const name of PRAEZISIERUNG_ATTRIBUTES) {
      const value = attrs[name];
      if (value !== undefined) values[name] = value;
    }
    for (const name in attrs) {
      const value = attrs[name];
      if (value !== undefined && !(name in values)) values[name] = value;
    }
    const text = element.text.trim();
    if (text !== '') {
      // 2.0 carries the constraints as a JSON object with string values in the element's text.
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('not an object');
        for (const [name, value] of Object.entries(parsed)) {
          if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
        }
      } catch {
        field.praezisierungError = text.length > 80 ? `${text.slice(0, 80)}…` : text;
      }
    }
    return values;
  }
}
