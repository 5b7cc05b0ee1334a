/**
 * `amtsweg staff-reset-2fa TENANT USERNAME` (ADR 0055) as an operator runs it, after `amtsweg demo`
 * created the demo's accounts with their second factors and printed the secrets.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { AMTSWEG_COMMAND_ENV, amtswegArgs } from '../support/amtsweg-command.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-cli-2fa-'));
const env = {
  PATH: process.env.PATH ?? '',
  AMTSWEG_DATA_DIR: dataDir,
  AMTSWEG_MASTER_KEY: randomBytes(32).toString('base64'),
  ...AMTSWEG_COMMAND_ENV,
};

function run(...args: string[]) {
  const result = spawnSync(process.execPath, amtswegArgs(...args), {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The TOTP secret `amtsweg demo` printed under the account's line. */
function printedSecret(stdout: string, username: string): string | undefined {
  const lines = stdout.split('\n');
  const at = lines.findIndex((l) => l.includes(` ${username}  /  `));
  return at < 0 ? undefined : /TOTP secret: ([A-Z2-7]{32})$/.exec(lines[at + 1] ?? '')?.[1];
}

describe('amtsweg staff-reset-2fa', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('the demo prints each account’s TOTP secret and URI; the operator resets one; usage errors change nothing', () => {
    const demo = run('demo');
    assert.equal(demo.code, 0, demo.stderr);
    const usernames = ['sachbearbeitung', 'service-design', 'verwaltung'].flatMap((r) => [
      `${r}@musterstadt`,
      `${r}@beispielhausen`,
    ]);
    for (const username of usernames) {
      const secret = printedSecret(demo.stdout, username);
      assert.ok(secret, `${username}: secret printed`);
      assert.match(
        demo.stdout,
        new RegExp(`otpauth://totp/Amtsweg:${encodeURIComponent(username)}\\?[^\\n]*secret=${secret}`),
      );
    }
    const saved = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as Array<{
      username: string;
      totpSecret?: string;
    }>;
    const before = printedSecret(demo.stdout, 'verwaltung@musterstadt');
    assert.equal(saved.find((c) => c.username === 'verwaltung@musterstadt')?.totpSecret, before);
    // A restart prints the same secrets.
    assert.equal(printedSecret(run('demo').stdout, 'verwaltung@musterstadt'), before);

    for (const [args, message] of [
      [[], /needs the TENANT \(slug\) and the USERNAME/],
      [['musterstadt'], /needs the TENANT/],
      [['nirgendwo', 'verwaltung@musterstadt'], /no municipality "nirgendwo"/],
      [
        ['beispielhausen', 'verwaltung@musterstadt'],
        /beispielhausen has no account "verwaltung@musterstadt"/,
      ],
    ] as const) {
      const refused = run('staff-reset-2fa', ...args);
      assert.equal(refused.code, 2, `${args.join(' ')}: ${refused.stderr}`);
      assert.match(refused.stderr, message);
    }

    const reset = run('staff-reset-2fa', 'musterstadt', 'verwaltung@musterstadt');
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(
      reset.stdout,
      /the second factor of verwaltung@musterstadt is removed; its sessions have ended/,
    );
    const again = run('staff-reset-2fa', 'musterstadt', 'verwaltung@musterstadt');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /had no second factor; nothing changed/);

    const db = new Database(join(dataDir, 'amtsweg.sqlite'), { readonly: true });
    try {
      const account = db
        .prepare('select id, tenant_id from staff_accounts where username = ?')
        .get('verwaltung@musterstadt') as {
        id: string;
      };
      assert.equal(
        (
          db
            .prepare('select count(*) as n from staff_second_factors where account_id = ?')
            .get(account.id) as { n: number }
        ).n,
        0,
      );
      const events = db
        .prepare(
          "select actor_type from audit_events where subject_id = ? and action = 'staff.second_factor_reset'",
        )
        .all(account.id) as Array<{ actor_type: string }>;
      assert.deepEqual(events, [{ actor_type: 'operator' }], 'audited once, as the operator');
      const others = db
        .prepare('select count(*) as n from staff_second_factors where enrolled_at is not null')
        .get() as {
        n: number;
      };
      assert.equal(others.n, 5, 'the other accounts keep theirs');
    } finally {
      db.close();
    }
    // The demo gives the account a new second factor at its next start, and prints it.
    const after = printedSecret(run('demo').stdout, 'verwaltung@musterstadt');
    assert.ok(after);
    assert.notEqual(after, before);
  });
});
