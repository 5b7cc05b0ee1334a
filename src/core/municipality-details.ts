/**
 * Where a municipality lies, for the list of all of them (the AGS code list): 11,227 names, and
 * many repeat (seven "Buchholz", dozens of "Neustadt"). Publishing gives each option the district
 * (Kreis) and the Land as its `detail`, so the citizen can tell them apart when choosing, and the
 * check page, the caseworker and the receipt show which one was meant.
 *
 * The AGS says it itself: its first five digits are the Kreis (XÖV list "Kreis"), its first two
 * the Land (XÖV list "Bundesland"). Both lists come from the same code list directory; when one
 * is missing there, the options simply get less detail (the codes stay unambiguous either way).
 */
import { type CodeList, codeListOptions } from '../definition/fim/index.ts';
import type { Option } from '../definition/types.ts';

/** The newest list with this canonical URI (`CodeListSource.find`). */
export type FindCodeList = (uri: string) => Promise<CodeList | undefined>;

export const AGS_LIST_URI = 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags';
const KREIS_LIST_URI = 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:kreis';
const LAND_LIST_URI = 'urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland';

async function namesOf(find: FindCodeList, uri: string): Promise<Map<string, string>> {
  const list = await find(uri);
  if (!list) return new Map();
  return new Map(codeListOptions(list).map((o) => [o.value, o.label.de]));
}

/** The options with `detail` "Kreis, Land" (only the Land when the Kreis is the municipality itself). */
export async function withMunicipalityDetails(options: Option[], find: FindCodeList): Promise<Option[]> {
  const [kreise, laender] = await Promise.all([namesOf(find, KREIS_LIST_URI), namesOf(find, LAND_LIST_URI)]);
  if (kreise.size === 0 && laender.size === 0) return options;
  return options.map((option) => {
    if (option.detail || !/^\d{8}$/.test(option.value)) return option;
    const kreis = kreise.get(option.value.slice(0, 5));
    const land = laender.get(option.value.slice(0, 2));
    // A kreisfreie Stadt is its own Kreis ("Flensburg, Stadt"): naming it twice says nothing.
    const parts = [kreis !== option.label.de ? kreis : undefined, land].filter(
      (p): p is string => p !== undefined && p !== '',
    );
    return parts.length > 0 ? { ...option, detail: { de: parts.join(', ') } } : option;
  });
}
