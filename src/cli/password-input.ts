/**
 * Where an operator command gets a staff password from (ADR 0028): standard input
 * (`--password-stdin`; typed twice without echo on a terminal, else read to the end), or
 * `AMTSWEG_STAFF_PASSWORD`, or else it is generated. A generated password is written once to the
 * controlling terminal (`/dev/tty`) only, never to standard output, which may be a log; without a
 * terminal the command refuses before it changes anything.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { UsageError } from './usage-error.ts';

export interface Terminal {
  /** Writes a line to the terminal and closes it. */
  showOnce(line: string): void;
}

/** The terminal to show a generated password on; refuses when there is none. */
export function openTerminal(): Terminal {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'w');
  } catch {
    throw new UsageError(
      'no terminal to show a generated password on (it is never written to standard output); give one with --password-stdin or AMTSWEG_STAFF_PASSWORD',
    );
  }
  return {
    showOnce(line) {
      try {
        writeSync(fd, `${line}\n`);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** All of standard input, without the line break that ends it. */
async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** One line typed on the terminal, not echoed. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    process.stderr.write(prompt);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The password the operator chose, or undefined when none was given (then one is generated). */
export async function chosenPassword(fromStdin: boolean): Promise<string | undefined> {
  if (fromStdin) {
    if (!process.stdin.isTTY) return readAll();
    const first = await readHidden('New password: ');
    const again = await readHidden('Repeat it: ');
    if (first !== again) throw new UsageError('the two passwords differ');
    return first;
  }
  return process.env.AMTSWEG_STAFF_PASSWORD || undefined;
}
