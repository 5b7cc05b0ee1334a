import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { registeredRoutes } from '../../src/web/server.ts';
import { repoRoot, startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';

/** `paths:` of the OpenAPI document: each path with the HTTP methods it documents. */
function documentedOperations(): Array<{ method: string; path: string }> {
  const lines = readFileSync(join(repoRoot, 'docs', 'api', 'openapi.yaml'), 'utf8').split('\n');
  const operations: Array<{ method: string; path: string }> = [];
  let path: string | undefined;
  for (const line of lines) {
    const pathLine = /^ {2}(\/\S*):$/.exec(line);
    if (pathLine) path = pathLine[1];
    else if (/^\S/.test(line)) path = undefined;
    const method = /^ {4}(get|post|put|patch|delete):$/.exec(line);
    if (path && method) operations.push({ method: method[1]!.toUpperCase(), path });
  }
  return operations;
}

describe('the OpenAPI description', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(DIALECTS[0]!);
  });
  after(() => t.close());

  test('documents only routes the app has', () => {
    const operations = documentedOperations();
    assert.ok(operations.length >= 6, JSON.stringify(operations));
    for (const { method, path } of operations) {
      // OpenAPI's `{name}` is Fastify's `:name`; `{hash}.json` becomes `:hash.json` as registered.
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      assert.ok(t.app.server.hasRoute({ method, url }), `${method} ${path} is not a route of the app`);
    }
  });

  test('documents every route of the API (/api/...)', () => {
    const documented = new Set(
      documentedOperations().map(({ method, path }) => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const apiRoutes = registeredRoutes(t.app.server).filter(
      (r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.includes('*'),
    );
    assert.ok(apiRoutes.length >= 5, JSON.stringify(apiRoutes));
    const missing = apiRoutes.filter((r) => !documented.has(`${r.method} ${r.url}`));
    assert.deepEqual(missing, [], 'every API route is in docs/api/openapi.yaml');
  });
});
