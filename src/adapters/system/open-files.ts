/**
 * How many files (sockets included) the process has open, and how many it may (ADR 0027). Node 20
 * has no getrlimit, so both are read from Linux's /proc; elsewhere there is no answer.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface OpenFiles {
  open: number;
  /** The soft limit (`ulimit -n`). */
  limit: number;
}

/** The process's open files and its limit, or undefined where /proc does not tell. */
export function openFiles(): OpenFiles | undefined {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
    if (!match || match[1] === 'unlimited') return undefined;
    // The listing itself holds one descriptor while it reads.
    const open = readdirSync('/proc/self/fd').length - 1;
    return { open, limit: Number(match[1]) };
  } catch {
    return undefined;
  }
}
