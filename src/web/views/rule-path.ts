/**
 * Where the rule builder's page of a rule is (ADR 0046), below a draft's address. Its own module
 * so the editor's pages link to it without importing the builder's page.
 */
import type { RuleName } from '../../definition/edit/rules.ts';

/** The rule page's address segment of each rule. */
export const RULE_SEGMENT: Record<RuleName, string> = { showIf: 'anzeigen', requiredIf: 'pflicht' };

/** `draftBase` is the draft's own address (`/staff/design/entwuerfe/<id>`). */
export const rulePath = (draftBase: string, uid: string, name: RuleName): string =>
  `${draftBase}/regeln/${uid}/${RULE_SEGMENT[name]}`;
