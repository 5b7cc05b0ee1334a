/**
 * Warns when the process nears its limit of open files (ADR 0027): past it, new visitors are
 * refused before any code of ours runs, so the warning must come first.
 */
import type { Logger } from 'pino';
import type { OpenFiles } from '../adapters/system/open-files.ts';

/** Warn from this share of the limit on. */
export const OPEN_FILES_WARNING_SHARE = 0.8;
/** How often the open files are counted. */
export const OPEN_FILES_INTERVAL_MS = 15_000;

/** Counts once; warns when the share is reached. Returns whether it warned. */
export function checkOpenFiles(read: () => OpenFiles | undefined, logger: Logger): boolean {
  const usage = read();
  if (!usage || usage.open < usage.limit * OPEN_FILES_WARNING_SHARE) return false;
  logger.warn(
    { event: 'process.open_files_high', open: usage.open, limit: usage.limit },
    'the process nears its limit of open files (ulimit -n); new connections will soon be refused',
  );
  return true;
}

/** Counts now and then every interval; returns a function that stops it. */
export function scheduleOpenFilesWatch(
  read: () => OpenFiles | undefined,
  logger: Logger,
  intervalMs = OPEN_FILES_INTERVAL_MS,
): () => void {
  if (!read()) {
    logger.debug({ event: 'process.open_files_unknown' }, 'open files cannot be counted on this system');
    return () => {};
  }
  const timer = setInterval(() => checkOpenFiles(read, logger), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
