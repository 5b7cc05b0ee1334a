/**
 * Builds the browser enhancement (src/web/client) into public/build/enhance.js, served at
 * /assets/build/enhance.js. The bundle is the engine (compiled from the same sources as the
 * server's) plus the DOM glue; definitions travel in the page, not in the bundle.
 *
 * Fails (exit status 1) when the bundle exceeds its budget: 30 KB gzipped for the engine core
 * (issue 3). The whole bundle is measured, which is stricter than the engine alone.
 *
 *   node --import tsx scripts/build-client.ts [--quiet]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const BUDGET_GZIP_BYTES = 30 * 1024;

const root = join(import.meta.dirname, '..');
export const CLIENT_ENTRY = join(root, 'src', 'web', 'client', 'enhance.ts');
export const CLIENT_OUTFILE = join(root, 'public', 'build', 'enhance.js');

export interface ClientBuild {
  bytes: number;
  gzipBytes: number;
}

export async function buildClient(): Promise<ClientBuild> {
  mkdirSync(dirname(CLIENT_OUTFILE), { recursive: true });
  await build({
    entryPoints: [CLIENT_ENTRY],
    outfile: CLIENT_OUTFILE,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Browsers that run module scripts; older ones simply get the plain server-rendered pages.
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning',
  });
  const code = readFileSync(CLIENT_OUTFILE);
  return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const quiet = process.argv.includes('--quiet');
  const { bytes, gzipBytes } = await buildClient();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const line = `${relative(root, CLIENT_OUTFILE)}: ${kb(bytes)}, ${kb(gzipBytes)} gzipped (budget ${kb(BUDGET_GZIP_BYTES)})`;
  if (gzipBytes > BUDGET_GZIP_BYTES) {
    console.error(`build-client: over budget: ${line}`);
    process.exit(1);
  }
  if (!quiet) console.log(line);
}
