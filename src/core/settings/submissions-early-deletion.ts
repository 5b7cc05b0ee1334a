/**
 * `submissions.earlyDeletion`: who may delete one application before its deadline, with a reason
 * (ADR 0039). Admins always may; caseworkers only where the municipality allows it, because
 * deleting is irreversible and many offices keep it with a second role.
 */
import type { SettingKind } from './contract.ts';

export type SubmissionsEarlyDeletion = { caseworkers: boolean };

export const submissionsEarlyDeletion: SettingKind<SubmissionsEarlyDeletion> = {
  scope: 'tenant',
  schema: {
    type: 'object',
    properties: { caseworkers: { type: 'boolean' } },
    required: ['caseworkers'],
    additionalProperties: false,
  },
  secrets: [],
  defaults: { caseworkers: false },
};
