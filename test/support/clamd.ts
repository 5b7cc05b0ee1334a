/**
 * A real ClamAV daemon for a test (ADR 0038): started from `/usr/sbin/clamd` (Debian's
 * `clamav-daemon`; `AMTSWEG_TEST_CLAMD` names another) with its own configuration in a temporary
 * directory and a signature database made here, since no signature download is possible in the
 * test: one body signature (`.ndb`) for the EICAR test string, matched anywhere in a file, so a
 * PDF carrying it counts as infected too. Where clamd is not installed, `startClamd` says why,
 * and the test skips with that reason printed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The EICAR anti-virus test string (eicar.org), kept as hex so that this source file itself is
 * not what a developer's virus scanner finds.
 */
const EICAR_HEX =
  '58354f2150254041505b345c505a58353428505e2937434329377d2445494341522d5354414e444152442d414e544956495255532d544553542d46494c452124482b482a';
export const EICAR = Buffer.from(EICAR_HEX, 'hex');
/** The name our test signature gives what it finds (as clamd reports it, with `.UNOFFICIAL`). */
export const EICAR_SIGNATURE = 'Amtsweg.Test.EICAR';

export interface RunningClamd {
  socket: string;
  stop(): Promise<void>;
}

const CLAMD = process.env.AMTSWEG_TEST_CLAMD ?? '/usr/sbin/clamd';
const START_MS = 30_000;

/** Why clamd cannot run here, or undefined when it can. */
export function clamdMissing(): string | undefined {
  return existsSync(CLAMD)
    ? undefined
    : `no clamd at ${CLAMD} (install the Debian package clamav-daemon, or set AMTSWEG_TEST_CLAMD)`;
}

/** Whether clamd answers PING on `socket`. */
function pong(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ path: socket });
    let answer = '';
    s.setTimeout(1000, () => s.destroy());
    s.on('connect', () => s.write('zPING\0'));
    s.on('data', (d) => {
      answer += d.toString('latin1');
    });
    s.on('close', () => resolve(answer.startsWith('PONG')));
    s.on('error', () => resolve(false));
  });
}

/** `streamMaxLength`: clamd's `StreamMaxLength` (default 30M, more than any upload). */
export async function startClamd(options: { streamMaxLength?: string } = {}): Promise<RunningClamd> {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-clamd-'));
  const db = join(dir, 'db');
  mkdirSync(db);
  writeFileSync(join(db, 'amtsweg-test.ndb'), `${EICAR_SIGNATURE}:0:*:${EICAR_HEX}\n`);
  const socket = join(dir, 'clamd.sock');
  const log = join(dir, 'clamd.log');
  writeFileSync(
    join(dir, 'clamd.conf'),
    [
      'Foreground yes',
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${db}`,
      `TemporaryDirectory ${dir}`,
      `LogFile ${log}`,
      `PidFile ${join(dir, 'clamd.pid')}`,
      // Larger than any upload Amtsweg takes (ADR 0038).
      `StreamMaxLength ${options.streamMaxLength ?? '30M'}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(CLAMD, ['-c', join(dir, 'clamd.conf')], { stdio: 'ignore' });
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  const stop = () =>
    new Promise<void>((done) => {
      const cleanUp = () => {
        rmSync(dir, { recursive: true, force: true });
        done();
      };
      if (exited !== null) return cleanUp();
      child.once('exit', cleanUp);
      child.kill('SIGTERM');
    });
  const until = Date.now() + START_MS;
  while (Date.now() < until) {
    if (exited !== null) break;
    if (existsSync(socket) && (await pong(socket))) return { socket, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  const said = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '(no log)';
  await stop();
  throw new Error(`clamd did not start within ${START_MS} ms:\n${said}`);
}
