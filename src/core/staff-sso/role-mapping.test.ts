import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOptions } from '../settings/check.ts';
import { staffSso } from '../settings/staff-sso.ts';
import { mapRoles, parseRoleMapping } from './role-mapping.ts';

test('a mapping as typed: lines or semicolons, several roles per value, a value twice adds up', () => {
  const mapping = parseRoleMapping(
    '/amtsweg/sachbearbeitung = caseworker\r\n/amtsweg/design=designer, caseworker ; a=b=admin\n/amtsweg/design = admin',
  );
  assert.deepEqual(mapping.get('/amtsweg/sachbearbeitung'), ['caseworker']);
  assert.deepEqual(mapping.get('/amtsweg/design'), ['caseworker', 'designer', 'admin']);
  assert.deepEqual(mapping.get('a=b'), ['admin']);
});

test('roles from a text or a list of texts, exact values only; other shapes give none', () => {
  const mapping = parseRoleMapping('Amtsweg-Admins = admin\nAmtsweg-SB = caseworker');
  assert.deepEqual(mapRoles(['Amtsweg-SB', 'Other', 'Amtsweg-Admins'], mapping), ['caseworker', 'admin']);
  assert.deepEqual(mapRoles('Amtsweg-SB', mapping), ['caseworker']);
  assert.deepEqual(mapRoles('amtsweg-sb', mapping), []);
  assert.deepEqual(mapRoles(['Amtsweg-SB '], mapping), []);
  assert.deepEqual(mapRoles({ 'Amtsweg-SB': true }, mapping), []);
  assert.deepEqual(mapRoles([42, null], mapping), []);
  assert.deepEqual(mapRoles(undefined, mapping), []);
});

test('the setting’s schema: what may be typed as mapping, issuer and claims', () => {
  const valid = {
    ...staffSso.defaults,
    enabled: true,
    issuer: 'https://login.microsoftonline.com/0000-tenant/v2.0',
    clientId: 'amtsweg',
    clientSecret: 'geheim',
    roleMapping: '/amtsweg/sachbearbeitung = caseworker\n0b6f-guid = admin designer',
  };
  assert.equal(checkOptions(staffSso, valid).ok, true);
  assert.equal(checkOptions(staffSso, staffSso.defaults).ok, true, 'off: nothing else is needed');
  const problems = (options: object) => {
    const checked = checkOptions(staffSso, { ...valid, ...options });
    return checked.ok ? [] : checked.problems.map((p) => `${p.option}:${p.code}`);
  };
  assert.deepEqual(problems({ issuer: 'http://idp.example.de' }), ['issuer:invalid']);
  assert.deepEqual(problems({ issuer: 'https://idp.example.de?x=1' }), ['issuer:invalid']);
  assert.deepEqual(problems({ issuer: 'javascript:alert(1)' }), ['issuer:invalid']);
  assert.deepEqual(problems({ issuer: 'http://127.0.0.1:8080/realms/x' }), []);
  assert.deepEqual(problems({ issuer: '' }), ['issuer:missing']);
  assert.deepEqual(problems({ clientSecret: '' }), ['clientSecret:missing']);
  assert.deepEqual(problems({ roleMapping: 'gruppe = chef' }), ['roleMapping:invalid']);
  assert.deepEqual(problems({ roleMapping: 'nur-ein-wert' }), ['roleMapping:invalid']);
  assert.deepEqual(problems({ roleMapping: '' }), ['roleMapping:missing']);
  assert.deepEqual(problems({ rolesClaim: 'realm_access.roles' }), []);
  assert.deepEqual(problems({ rolesClaim: 'two words' }), ['rolesClaim:invalid']);
  assert.deepEqual(problems({ scopes: 'openid  profile' }), ['scopes:invalid']);
});
