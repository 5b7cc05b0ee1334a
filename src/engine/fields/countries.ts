/**
 * Countries for addresses abroad, as ISO 3166-1 alpha-2 codes: the codes the HTML `country`
 * autocomplete token fills in, that postal standards (UPU S42) and XÖV's country lists map to,
 * and that `Intl.DisplayNames` names in every language — so no list of names is shipped, in the
 * server or in the browser bundle. The officially assigned codes plus XK (Kosovo, user-assigned
 * but recognised by Germany and used by the EU); DE is left out: a German address has its own type.
 */
import type { Locale } from '../../definition/types.ts';

export const FOREIGN_COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT ' +
  'BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DJ DK DM DO DZ EC EE EG EH ER ' +
  'ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ' +
  'ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT ' +
  'LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL ' +
  'NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH ' +
  'SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM ' +
  'US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

const KNOWN = new Set(FOREIGN_COUNTRY_CODES);

export function isForeignCountry(code: string): boolean {
  return KNOWN.has(code);
}

const INTL_LOCALE: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
const names = new Map<Locale, Intl.DisplayNames>();
const sorted = new Map<Locale, ReadonlyArray<{ code: string; name: string }>>();

/** The country's name in the language, e.g. `FR` → „Frankreich“ / "France". */
export function countryName(code: string, locale: Locale): string {
  let dn = names.get(locale);
  if (!dn) {
    dn = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: 'region', fallback: 'code' });
    names.set(locale, dn);
  }
  return dn.of(code) ?? code;
}

/** Every foreign country with its name, sorted by name in that language (built once per language). */
export function countriesByName(locale: Locale): ReadonlyArray<{ code: string; name: string }> {
  let list = sorted.get(locale);
  if (!list) {
    const collator = new Intl.Collator(INTL_LOCALE[locale]);
    list = FOREIGN_COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
    sorted.set(locale, list);
  }
  return list;
}
