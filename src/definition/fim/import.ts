/**
 * `importFim`: an XDatenfelder 2.0 / 3.0.0 message → a service definition plus warnings, or a
 * refusal. Pure (no I/O) so the CLI, the admin upload and the browser preview share it.
 *
 * The result is run through `parseDefinition`: an importer that emitted an invalid definition
 * would hand the designer a document they cannot publish, so that is reported as a refusal
 * (FIM_INVALID_RESULT, a bug in the importer) rather than passed on.
 */
import { parseDefinition } from '../parse.ts';
import type { ServiceDefinition } from '../types.ts';
import { type FimError, FimImportError } from './errors.ts';
import type { CodeList } from './genericode.ts';
import { FimMapper, type FimWarning } from './map.ts';
import { FimReader, NAMESPACES, type XdfVersion } from './read.ts';
import { child, parseXml } from './xml.ts';

export type FimImportResult =
  | { ok: true; definition: ServiceDefinition; warnings: FimWarning[] }
  | { ok: false; error: FimError };

export interface FimImportOptions {
  /** Code lists to resolve `codelisteReferenz` with (see `parseGenericode`). */
  codeLists?: readonly CodeList[];
}

const ROOTS: Record<string, 'stammdatenschema' | 'datenfeldgruppe'> = {
  'xdatenfelder.stammdatenschema.0102': 'stammdatenschema',
  'xdatenfelder.datenfeldgruppe.0103': 'datenfeldgruppe',
};

export function importFim(xml: string, options: FimImportOptions = {}): FimImportResult {
  try {
    return run(xml, options);
  } catch (error) {
    if (error instanceof FimImportError)
      return { ok: false, error: { code: error.code, message: error.message, de: error.de } };
    throw error;
  }
}

function run(xml: string, options: FimImportOptions): FimImportResult {
  const root = parseXml(xml);
  const version = (Object.keys(NAMESPACES) as XdfVersion[]).find((v) => NAMESPACES[v] === root.ns);
  if (!version) {
    if (/^urn:xoev-de:fim:standard:xdatenfelder_\d/.test(root.ns)) {
      throw new FimImportError('FIM_UNSUPPORTED_VERSION', {
        de: `Der XDatenfelder-Namensraum ${root.ns} wird nicht unterstützt; unterstützt sind ${Object.values(NAMESPACES).join(' und ')}`,
        en: `XDatenfelder namespace ${root.ns} is not supported; supported are ${Object.values(NAMESPACES).join(' and ')}`,
      });
    }
    throw new FimImportError('FIM_WRONG_NAMESPACE', {
      de: `Das Wurzelelement <${root.name}> liegt im Namensraum „${root.ns || '(keiner)'}“, erwartet ist ${Object.values(NAMESPACES).join(' oder ')}`,
      en: `root element <${root.name}> is in namespace "${root.ns || '(none)'}", expected ${Object.values(NAMESPACES).join(' or ')}`,
    });
  }
  const kind = ROOTS[root.name];
  if (!kind) {
    throw new FimImportError('FIM_UNSUPPORTED_MESSAGE', {
      de: `Die Nachricht <${root.name}> wird nicht unterstützt; erwartet ist ${Object.keys(ROOTS).join(' oder ')}`,
      en: `message <${root.name}> is not supported; expected ${Object.keys(ROOTS).join(' or ')}`,
    });
  }
  const ns = NAMESPACES[version];
  const element = child(root, ns, kind);
  if (!element) {
    throw new FimImportError('FIM_MISSING_ELEMENT', {
      de: `Die Nachricht <${root.name}> hat kein Element <${kind}>`,
      en: `message <${root.name}> has no <${kind}> element`,
    });
  }
  const doc = new FimReader(ns, version).readDocument(root, kind, element);
  const mapper = new FimMapper(options.codeLists ?? []);
  const definition = mapper.map(doc);
  if (!definition) {
    throw new FimImportError('FIM_EMPTY_SCHEMA', {
      de: `${kind} ${doc.id} („${doc.name}“) enthält keine Datenfelder, die übernommen werden konnten`,
      en: `${kind} ${doc.id} ("${doc.name}") contains no fields that could be imported`,
    });
  }
  // The mapper built the definition for this call alone: checked and frozen in place, not copied.
  const parsed = parseDefinition(definition, { adopt: true });
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new FimImportError('FIM_INVALID_RESULT', {
      de: `Die importierte Definition ist ungültig (ein Fehler des Imports, bitte melden Sie ihn): ${first?.path || '/'}: ${first?.message ?? ''}`,
      en: `the imported definition is invalid (an importer bug, please report it): ${first?.path || '/'}: ${first?.message ?? ''}`,
    });
  }
  return { ok: true, definition: parsed.definition, warnings: mapper.warnings };
}
