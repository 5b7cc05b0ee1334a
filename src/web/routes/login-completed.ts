/**
 * What follows a verified citizen login, whichever kind of provider answered (the OpenID callback,
 * the SAML assertion consumer service): the drafts begun in this browser belong to the identity now
 * ("Meine Anträge", ADR 0049), the login is logged without personal data (ADR 0011), and the
 * citizen goes back to where the login started.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MyApplications } from '../../core/identity/my-applications.ts';
import type { CitizenLogin } from '../../core/identity/records.ts';

export async function continueAfterLogin(
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: { login: CitizenLogin; returnPath: string },
  myApps: MyApplications,
): Promise<FastifyReply> {
  await myApps.claimSessionDrafts(outcome.login);
  request.log.info(
    { event: 'citizen.login', provider: outcome.login.provider, level: outcome.login.level },
    'citizen logged in',
  );
  return reply.redirect(outcome.returnPath, 303);
}
