import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KnownRoutes, MAX_RETURN_PATH_LENGTH, returnPath } from './return-path.ts';

const ORIGIN = 'https://amtsweg.example';
const routes = new KnownRoutes();
for (const pattern of [
  '/',
  '/staff/inbox',
  '/staff/submissions/:id',
  '/:tenant',
  '/:tenant/:service',
  '/:tenant/:service/schritt/:step',
  '/:tenant/:service/definition/:version/:hash.json',
  '/assets/*',
]) {
  routes.add(pattern);
}

describe('returnPath', () => {
  test('a page of this app comes back as it was, query included', () => {
    for (const path of [
      '/',
      '/musterstadt',
      '/musterstadt/',
      '/musterstadt/hund-anmelden/schritt/hund?aendern=1',
      '/staff/inbox?status=received&seite=2',
      '/musterstadt/hund-anmelden/definition/3/abc.json',
      '/assets/amtsweg.css',
    ]) {
      assert.equal(returnPath(path, ORIGIN, routes), path, path);
    }
  });

  test('control characters stay inside the path, percent-encoded, never in the header', () => {
    assert.equal(returnPath('/muster\u0001stadt', ORIGIN, routes), '/muster%01stadt');
    // The URL parser drops tabs and newlines: what would have split the header is gone.
    assert.equal(returnPath('/\r\nSet-Cookie: x=1', ORIGIN, routes), '/Set-Cookie:%20x=1');
    assert.equal(returnPath('/muster stadt', ORIGIN, routes), '/muster%20stadt');
    assert.equal(returnPath('/m\u00fcnster', ORIGIN, routes), '/m%C3%BCnster');
  });

  // Each of these, as the query parser hands it over (decoded once), is refused: a browser would
  // leave the site, or the value is no page of ours.
  const refused: Array<[string, unknown]> = [
    ['tab between the slashes', '/\t/evil.example'],
    ['newline between the slashes', '/\n/evil.example'],
    ['CR LF before a path', '/\r\n/evil.example'],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with a path', '//evil.example/musterstadt'],
    ['backslash', '/\\evil.example'],
    ['slash backslash slash', '/\\/evil.example'],
    ['three slashes', '///evil.example'],
    ['double-decoded %2F%2F', '//evil.example'],
    ['leading %5C%5C decoded', '\\\\evil.example'],
    ['dot segments up to //', '/..//evil.example'],
    ['encoded dot segments', '/%2e%2e//evil.example'],
    ['dot segment', '/.//evil.example'],
    ['full https URL', 'https://evil.example/'],
    ['full URL of our own host', 'https://amtsweg.example/musterstadt'],
    ['scheme without slashes', 'https:evil.example'],
    ['javascript URL', 'javascript:alert(1)'],
    ['javascript URL behind a slash', '/javascript:alert(1)/x/y/z/w'],
    ['data URL', 'data:text/html,<script>alert(1)</script>'],
    ['relative path', 'musterstadt'],
    ['empty', ''],
    ['not a string', ['/musterstadt']],
    ['undefined', undefined],
    ['no route has five segments', '/a/b/c/d/e'],
    ['very long value', `/${'a'.repeat(MAX_RETURN_PATH_LENGTH)}`],
    ['very long value of slashes', '/'.repeat(100_000)],
  ];
  for (const [name, value] of refused) {
    test(`refused: ${name}`, () => {
      assert.equal(returnPath(value, ORIGIN, routes), undefined);
    });
  }
});
