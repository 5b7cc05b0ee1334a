/**
 * Starts a worker thread whose entry module is TypeScript: from the sources through tsx, or from
 * the build in `dist/` as the compiled module beside the caller.
 *
 * On Node 20 a worker's `--import tsx` hooks are not active yet when its entry module loads, so
 * from the sources the worker starts as a line of plain JavaScript that registers tsx and only then
 * imports the module. In the build this file is itself JavaScript; callers still name the `.ts`
 * entry (the compiler rewrites import specifiers, not URLs), which maps one to one onto the emitted
 * `.js` file.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

const compiled = import.meta.url.endsWith('.js');

export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (compiled) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), withSourceMaps(options));
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const bootstrap = `import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/**
 * `process.setSourceMapsEnabled` (bin/amtsweg.js) holds for the calling thread only; a worker maps
 * its stack traces to the sources only when started with the flag.
 */
function withSourceMaps(options: Omit<WorkerOptions, 'eval'>): WorkerOptions {
  const execArgv = options.execArgv ?? process.execArgv;
  if (!process.sourceMapsEnabled || execArgv.includes('--enable-source-maps')) return options;
  return { ...options, execArgv: [...execArgv, '--enable-source-maps'] };
}
