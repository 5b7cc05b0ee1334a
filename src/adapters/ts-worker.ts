/**
 * Starts a worker thread whose entry module is TypeScript.
 *
 * On Node 20 a worker's `--import tsx` hooks are not active yet when its entry module loads, so the
 * worker starts as a line of plain JavaScript that registers tsx and only then imports the module.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const bootstrap = `import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
