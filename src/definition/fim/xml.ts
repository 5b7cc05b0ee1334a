/**
 * A small, safe XML reader on top of saxes: it builds a light element tree (namespace URI, local
 * name, attributes, text, children) and refuses what an import of untrusted files must never do.
 *
 * - Any DOCTYPE is refused in the `doctype` event, i.e. before a single entity could be declared
 *   or expanded: XXE (external entities) and billion-laughs (nested internal entities) cannot
 *   happen, and XDatenfelder and genericode never use a DTD. saxes itself does not process DTDs,
 *   so this is a second, explicit line of defence with a clear message.
 * - Nesting deeper than MAX_DEPTH is refused: the mapping walks the tree recursively, and real
 *   FIM schemas are a handful of levels deep.
 * - Malformed XML yields the parser's message with line and column.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { FimImportError } from './errors.ts';

export interface XmlElement {
  /** Namespace URI ('' for none). */
  ns: string;
  /** Local name without prefix. */
  name: string;
  attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /**
   * Concatenated direct text content (CDATA included), untrimmed, except that whitespace-only text
   * before the first other text is not kept: every reader trims or normalises text anyway, and the
   * indentation between child elements would otherwise be stored on every container element.
   */
  text: string;
  line: number;
}

export const MAX_DEPTH = 200;

/** Shared by every element without attributes or children (most of them): no allocation each. */
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

/**
 * One class for all elements so V8 sees a single object shape: the tree of a 1 MB schema has some
 * 30 000 of them, and building it is most of the import's cost beyond the parse itself.
 */
class Element implements XmlElement {
  children: XmlElement[] = NO_CHILDREN as XmlElement[];
  text = '';
  constructor(
    readonly ns: string,
    readonly name: string,
    readonly attrs: Readonly<Record<string, string>>,
    readonly line: number,
  ) {}

  append(child: XmlElement): void {
    if (this.children === NO_CHILDREN) this.children = [child];
    else this.children.push(child);
  }
}

/** Only XML whitespace (space, tab, CR, LF)? */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Element[] = [];
  let current: Element | undefined;
  let root: Element | undefined;
  // One string per distinct element name: saxes hands out a fresh string (or a slice of the
  // prefixed name) for every tag, and keeping those alive in the tree is mostly GC work.
  const names = new Map<string, string>();

  parser.on('doctype', () => {
    throw new FimImportError('FIM_DOCTYPE_REFUSED', {
      de: `Zeile ${parser.line}: eine DOCTYPE-Deklaration ist nicht erlaubt (Entitäten und DTDs werden abgelehnt, um XXE- und Entity-Expansion-Angriffe zu verhindern)`,
      en: `line ${parser.line}: a DOCTYPE declaration is not allowed (entities and DTDs are refused to prevent XXE and entity-expansion attacks)`,
    });
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= MAX_DEPTH) {
      throw new FimImportError('FIM_TOO_DEEP', {
        de: `Zeile ${parser.line}: die Elemente sind mehr als ${MAX_DEPTH} Ebenen tief verschachtelt`,
        en: `line ${parser.line}: elements are nested more than ${MAX_DEPTH} levels deep`,
      });
    }
    let attrs: Record<string, string> | undefined;
    const attributes = tag.attributes;
    for (const qualified in attributes) {
      const attribute = attributes[qualified];
      // Namespace declarations are resolved by saxes already; keep only real attributes.
      if (attribute === undefined || attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      attrs ??= {};
      attrs[attribute.local] = attribute.value;
    }
    let name = names.get(tag.local);
    if (name === undefined) {
      name = tag.local;
      names.set(name, name);
    }
    const element = new Element(tag.uri, name, attrs ?? NO_ATTRIBUTES, parser.line);
    if (current) current.append(element);
    else root = element;
    stack.push(element);
    current = element;
  });
  parser.on('closetag', () => {
    stack.pop();
    current = stack[stack.length - 1];
  });
  const onText = (text: string) => {
    if (current === undefined) return;
    if (current.text === '' && isBlank(text)) return;
    current.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (error: Error) => {
    // saxes prefixes messages with "line:column: "; keep that, it names the place.
    throw new FimImportError('FIM_MALFORMED_XML', {
      de: `Fehlerhaftes XML: ${error.message}`,
      en: `malformed XML: ${error.message}`,
    });
  });

  parser.write(xml).close();
  if (!root)
    throw new FimImportError('FIM_MALFORMED_XML', {
      de: 'Fehlerhaftes XML: das Dokument hat kein Wurzelelement',
      en: 'malformed XML: the document has no root element',
    });
  return root;
}

/** Direct children with the given local name in the given namespace. */
export function childrenNamed(element: XmlElement, ns: string, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of element.children) if (c.name === name && c.ns === ns) out.push(c);
  return out;
}

/** The first direct child with the given local name in the given namespace. */
export function child(element: XmlElement, ns: string, name: string): XmlElement | undefined {
  for (const c of element.children) if (c.name === name && c.ns === ns) return c;
  return undefined;
}

const WHITESPACE_RUNS = /\s+/g;

/** Whether `c` is a character that `\s` matches, other than the plain space. */
function isOtherSpace(c: number): boolean {
  if (c < 0xa0) return c >= 9 && c <= 13;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Whitespace-normalised text: FIM texts are often indented inside the XML. Same result as
 * `text.replace(/\s+/g, ' ').trim()`, but most texts (codes, ids, short names) are already clean,
 * and a scan that allocates nothing is several times cheaper than the replace for them.
 */
export function clean(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  // Already clean: no leading/trailing space, no double space, no other whitespace character.
  let previousSpace = true;
  let dirty = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (previousSpace) {
        dirty = true;
        break;
      }
      previousSpace = true;
    } else if (c < 33 || c >= 0xa0 ? isOtherSpace(c) : false) {
      dirty = true;
      break;
    } else {
      previousSpace = false;
    }
  }
  if (!dirty && !previousSpace) return text;
  return text.replace(WHITESPACE_RUNS, ' ').trim();
}

/** Cleaned text of a direct child, '' when absent. */
export function childText(element: XmlElement, ns: string, name: string): string {
  return clean(child(element, ns, name)?.text);
}

/** The `<code>` inside a code-typed element such as `<xdf:datentyp><code>text</code></xdf:datentyp>`. */
export function codeOf(element: XmlElement | undefined): string {
  if (!element) return '';
  // `code` is unqualified in both versions, but accept any namespace: producers differ.
  for (const c of element.children) if (c.name === 'code') return clean(c.text);
  return clean(element.text);
}
