/**
 * `submissions.retention`: the deletion deadlines (Löschfristen) of a service's applications
 * (ADR 0039). A submission is closed when its status is `completed` (abgeschlossen); counting
 * starts at its last status change, so a reopened case starts again when it is closed again.
 * - `days`: how long a closed application is kept before it is deleted with everything of it;
 * - `filesDays`: how long its files are kept (they go earlier when this is shorter);
 * - `deliveredDays`: how long a delivered outbox item (ADR 0034) is kept, closed or not;
 * - `archive`: whether each application is first offered to the archive (Anbietungspflicht) as
 *   a package (`docs/reference/archive-package.md`); without a configured archive directory it
 *   is then not deleted.
 */
import type { SettingKind } from './contract.ts';

export const MIN_RETENTION_DAYS = 1;
/** Ten years: beyond that a deadline is no deadline, and a typo of an extra digit is caught. */
export const MAX_RETENTION_DAYS = 3650;

export type SubmissionsRetention = {
  days: number;
  filesDays: number;
  deliveredDays: number;
  archive: boolean;
};

const days = { type: 'integer', minimum: MIN_RETENTION_DAYS, maximum: MAX_RETENTION_DAYS } as const;

export const submissionsRetention: SettingKind<SubmissionsRetention> = {
  scope: 'service',
  schema: {
    type: 'object',
    properties: { days, filesDays: days, deliveredDays: days, archive: { type: 'boolean' } },
    required: ['days', 'filesDays', 'deliveredDays', 'archive'],
    additionalProperties: false,
  },
  secrets: [],
  defaults: { days: 90, filesDays: 90, deliveredDays: 30, archive: false },
};
