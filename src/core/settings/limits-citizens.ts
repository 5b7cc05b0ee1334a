/**
 * `limits.citizens`: how much one client (one network address) may do per hour in the
 * municipality without signing in (ADR 0027): start drafts and upload files. The defaults are far
 * above what a citizen does, also behind a shared address (a library's computers, an office's
 * guest network); they stop scripts that fill the database. Tenant-wide: it is the municipality's
 * protection, not a property of one service.
 */
import type { SettingKind } from './contract.ts';

export type LimitsCitizens = { draftsPerHour: number; uploadMegabytesPerHour: number };

export const limitsCitizens: SettingKind<LimitsCitizens> = {
  scope: 'tenant',
  schema: {
    type: 'object',
    properties: {
      draftsPerHour: { type: 'integer', minimum: 10, maximum: 100_000 },
      uploadMegabytesPerHour: { type: 'integer', minimum: 50, maximum: 100_000 },
    },
    required: ['draftsPerHour', 'uploadMegabytesPerHour'],
    additionalProperties: false,
  },
  secrets: [],
  defaults: { draftsPerHour: 100, uploadMegabytesPerHour: 500 },
};
