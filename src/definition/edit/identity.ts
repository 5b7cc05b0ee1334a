/**
 * The service's identity settings as the editor's start-page form reads them (ADR 0036, ADR 0048):
 * the Vertrauensniveau an applicant logs in with (empty: no login) and whether the application
 * replaces the written form. A form without these inputs leaves them as they are. Schriftformersatz
 * ticked without a level is kept as typed, so the definition check names the missing level rather
 * than the tick being lost.
 */
import { ASSURANCE_LEVELS, type AssuranceLevel } from '../assurance-level.ts';
import type { Identity, LocalSettings } from '../types.ts';
import type { PostedForm } from './settings.ts';

export const IDENTITY_LEVEL_INPUT = 's.identity.level';
export const SCHRIFTFORMERSATZ_INPUT = 's.identity.schriftformersatz';

function one(form: PostedForm, name: string): string | undefined {
  const value = form[name];
  return Array.isArray(value) ? value[0] : (value as string | undefined);
}

export function applyIdentity(local: LocalSettings, form: PostedForm): LocalSettings {
  const posted = one(form, IDENTITY_LEVEL_INPUT);
  if (posted === undefined) return local;
  const level = (ASSURANCE_LEVELS as readonly string[]).includes(posted)
    ? (posted as AssuranceLevel)
    : undefined;
  const schriftformersatz = one(form, SCHRIFTFORMERSATZ_INPUT) === 'ja';
  const { identity: _dropped, ...rest } = local;
  if (!level && !schriftformersatz) return rest;
  // Without a level the format check says what is missing (`level` is required).
  const identity = {
    ...(level && { level }),
    ...(schriftformersatz && { schriftformersatz: true }),
  } as Identity;
  return { ...rest, identity };
}
