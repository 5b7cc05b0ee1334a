#!/usr/bin/env node
// Entry point of the `amtsweg` command. Runs the build in dist/ (`npm run build`) when it exists;
// otherwise the TypeScript sources through tsx, with a note on stderr, so that a fresh clone works
// without a build. AMTSWEG_FROM_SOURCES=1 always runs the sources (development and the tests, so a
// dist/ left by `npm start` never hides a change). Presence decides, not file times: what runs is
// predictable (docs/adr/0021-production-build.md).
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/main.js', import.meta.url);

if (process.env.AMTSWEG_FROM_SOURCES !== '1' && existsSync(built)) {
  // dist/ carries source maps: stack traces name the lines of the .ts sources. Only modules loaded
  // after this call are mapped; worker threads are started with the same (src/adapters/ts-worker.ts).
  process.setSourceMapsEnabled(true);
  await import(built.href);
} else {
  if (process.env.AMTSWEG_FROM_SOURCES !== '1') {
    process.stderr.write('amtsweg: no build in dist/, running the TypeScript sources through tsx\n');
  }
  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    process.stderr.write(
      'amtsweg: tsx (a development dependency) is not installed: run `npm run build` first, with the development dependencies\n',
    );
    process.exit(1);
  }
  tsx.register();
  await import('../src/cli/main.ts');
}
