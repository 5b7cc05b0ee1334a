/**
 * The identity attributes a field can be prefilled from, and a field's `prefill` (ADR 0049). Apart
 * from `prefill.ts` so the definition types can name them without a cycle.
 */
export const PREFILL_SOURCES = [
  'givenName',
  'familyName',
  'birthDate',
  'email',
  'organization',
  'street',
  'postcode',
  'city',
  'address',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

/** A field's prefill: the identity attribute it is filled from, and whether it stays editable. */
export interface Prefill {
  from: PrefillSource;
  /** Absent: true. False: the field shows the vouched value read-only, and a post cannot change it. */
  editable?: boolean;
}
