/**
 * What of a login is recorded with a submission (ADR 0048): level, provider, the pseudonymous
 * subject and the login time always; the attributes the provider vouched for (name, birth date,
 * address) only for a Schriftformersatz service, where the proven identity stands in for the
 * handwritten signature. Elsewhere the caseworker has the answers, and a copy of the vouched
 * attributes would be personal data kept without need. The ID token is never recorded.
 */
import type { CitizenLogin, SubmittedIdentity } from './records.ts';

export function submittedIdentity(login: CitizenLogin, schriftformersatz: boolean): SubmittedIdentity {
  return {
    level: login.level,
    provider: login.provider,
    subject: login.subject,
    loggedInAt: login.loggedInAt,
    ...(schriftformersatz && { attributes: login.attributes }),
  };
}
