/**
 * Layer rules from ARCHITECTURE.md: dependencies point down only, and the pure layers
 * (definition, engine, lib) do no I/O, so they also run in the browser.
 * Order, top to bottom: cli > app > web, jobs > adapters > core > engine > definition > lib.
 */
const io = '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads|readline|os|process)$';
module.exports = {
  forbidden: [
    { name: 'lib-is-bottom', severity: 'error', from: { path: '^src/lib/' }, to: { path: '^src/(definition|engine|core|adapters|jobs|web|cli|app)' } },
    { name: 'definition-below-engine', severity: 'error', from: { path: '^src/definition/' }, to: { path: '^src/(engine|core|adapters|jobs|web|cli|app)' } },
    { name: 'engine-below-core', severity: 'error', from: { path: '^src/engine/' }, to: { path: '^src/(core|adapters|jobs|web|cli|app)' } },
    { name: 'core-below-adapters', severity: 'error', from: { path: '^src/core/' }, to: { path: '^src/(adapters|jobs|web|cli|app)' } },
    { name: 'adapters-below-web', severity: 'error', from: { path: '^src/adapters/' }, to: { path: '^src/(jobs|web|cli|app)' } },
    { name: 'jobs-below-web', severity: 'error', from: { path: '^src/jobs/' }, to: { path: '^src/(web|cli|app)' } },
    { name: 'web-below-app', severity: 'error', from: { path: '^src/web/' }, to: { path: '^src/(cli|app)' } },
    { name: 'pure-layers-do-no-io', severity: 'error', from: { path: '^src/(lib|definition|engine)/' }, to: { dependencyTypes: ['core'], path: io } },
    { name: 'pure-layers-no-db-or-http-packages', severity: 'error', from: { path: '^src/(lib|definition|engine)/' }, to: { path: 'node_modules/(fastify|@fastify|kysely|better-sqlite3|pg|pino|argon2)/' } },
    {
      name: 'browser-client-imports-pure-layers-only',
      comment: 'src/web/client runs in the browser: only engine, definition, lib and itself; no Node built-ins.',
      severity: 'error',
      from: { path: '^src/web/client/' },
      to: { pathNot: '^src/(engine|definition|lib|web/client)/' },
    },
    {
      name: 'browser-client-no-node-builtins',
      severity: 'error',
      from: { path: '^src/web/client/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-does-not-import-browser-client',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/web/client/' },
      to: { path: '^src/web/client/' },
    },
    {
      name: 'fim-import-through-its-index',
      comment: 'definition/fim/index.ts is the public surface of the FIM import; its other modules are internal.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/definition/fim/' },
      to: { path: '^src/definition/fim/', pathNot: '^src/definition/fim/index\\.ts$' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
