import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CitizenLogin } from './records.ts';
import { submittedIdentity } from './submitted-identity.ts';

const login: CitizenLogin = {
  tenantId: 't',
  sessionHash: 'h',
  provider: 'test-idp',
  level: 'hoch',
  subject: 'sub-123',
  attributes: { givenName: 'Erika', familyName: 'Mustermann', city: 'Musterstadt' },
  idToken: 'eyJ.secret.token',
  loggedInAt: '2026-01-01T09:00:00.000Z',
  expiresAt: '2026-01-01T10:00:00.000Z',
};

describe('the identity recorded with a submission', () => {
  it('keeps level, provider, subject and login time, without the attributes for an ordinary service', () => {
    assert.deepEqual(submittedIdentity(login, false), {
      level: 'hoch',
      provider: 'test-idp',
      subject: 'sub-123',
      loggedInAt: '2026-01-01T09:00:00.000Z',
    });
  });

  it('adds the vouched attributes for Schriftformersatz, and never the ID token or session', () => {
    const recorded = submittedIdentity(login, true);
    assert.deepEqual(recorded.attributes, login.attributes);
    assert.equal(JSON.stringify(recorded).includes('eyJ'), false);
    assert.equal(JSON.stringify(recorded).includes('"h"'), false);
  });
});
