import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateDemoCertificate } from '../../src/adapters/receipt/seal.ts';
import { AMTSWEG_COMMAND_ENV, amtswegArgs } from '../support/amtsweg-command.ts';
import { repoRoot } from '../support/app.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-cli-'));
const masterKey = randomBytes(32).toString('base64');

function run(args: string[], env: Record<string, string> = {}, input?: string) {
  // In a session of its own (setsid): no controlling terminal, whoever runs the tests.
  const result = spawnSync('setsid', ['--wait', process.execPath, ...amtswegArgs(...args)], {
    encoding: 'utf8',
    ...(input !== undefined && { input }),
    env: { PATH: process.env.PATH ?? '', AMTSWEG_DATA_DIR: dataDir, ...AMTSWEG_COMMAND_ENV, ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the amtsweg command', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('--help lists the commands', () => {
    const result = run(['--help']);
    assert.equal(result.code, 0);
    for (const command of [
      'serve',
      'migrate',
      'demo',
      'tenant-add',
      'tenant-set',
      'tenant-list',
      'staff-add',
      'staff-list',
      'staff-password',
      'staff-roles',
      'staff-disable',
      'staff-enable',
      'staff-reset-2fa',
      'publish',
      'seal-import',
      'keys rotate',
    ]) {
      assert.match(result.stdout, new RegExp(`\\b${command}\\b`));
    }
  });

  test('serve without demo mode refuses to start without a master key', () => {
    const result = run(['serve'], { PORT: '0' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no master key.*AMTSWEG_MASTER_KEY/);
    assert.match(result.stderr, /ERR_MASTER_KEY_MISSING/);
  });

  test('a malformed master key is refused with the variable named', () => {
    const result = run(['migrate'], { AMTSWEG_MASTER_KEY: 'short' });
    // migrate needs no key; serve does
    assert.equal(result.code, 0, result.stderr);
    const serve = run(['serve'], { AMTSWEG_MASTER_KEY: 'c2hvcnQ=', PORT: '0' });
    assert.equal(serve.code, 1);
    assert.match(serve.stderr, /AMTSWEG_MASTER_KEY must decode to 32 bytes/);
  });

  test("an operator installs a municipality's seal certificate; a wrong passphrase is refused", () => {
    const env = { AMTSWEG_MASTER_KEY: masterKey };
    assert.equal(run(['tenant-add', '--slug', 'siegeldorf', '--name', 'Siegeldorf'], env).code, 0);
    const { pkcs12, passphrase } = generateDemoCertificate('Siegel Siegeldorf', new Date());
    const file = join(dataDir, 'siegel.p12');
    writeFileSync(file, pkcs12);
    const wrong = run(['seal-import', file, '--tenant', 'siegeldorf'], {
      ...env,
      AMTSWEG_SEAL_PASSPHRASE: 'falsch',
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /cannot be opened with this passphrase/);
    const missing = run(['seal-import', file, '--tenant', 'siegeldorf'], env);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /AMTSWEG_SEAL_PASSPHRASE/);
    const ok = run(['seal-import', file, '--tenant', 'siegeldorf'], {
      ...env,
      AMTSWEG_SEAL_PASSPHRASE: passphrase,
    });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /seal certificate of siegeldorf installed/);
    assert.match(ok.stdout, /subject: +CN=Siegel Siegeldorf/);
    assert.match(ok.stdout, /SHA-256: +([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    assert.ok(!ok.stdout.includes(passphrase));
  });

  test('an operator sets up a municipality, a caseworker and a service', () => {
    const env = { AMTSWEG_MASTER_KEY: masterKey, AMTSWEG_STAFF_PASSWORD: 'ein-langes-Test-Passwort' };
    const tenant = run(
      ['tenant-add', '--slug', 'musterdorf', '--name', 'Musterdorf', '--ags', '99999003'],
      env,
    );
    assert.equal(tenant.code, 0, tenant.stderr);
    assert.match(tenant.stdout, /musterdorf/);

    const again = run(['tenant-add', '--slug', 'musterdorf', '--name', 'Musterdorf'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);

    const reserved = run(['tenant-add', '--slug', 'staff', '--name', 'Staff'], env);
    assert.equal(reserved.code, 1);
    assert.match(reserved.stderr, /reserved/);

    const staff = run(
      [
        'staff-add',
        '--tenant',
        'musterdorf',
        '--username',
        'sb@musterdorf',
        '--name',
        'Sam Beispiel',
        '--password-stdin',
      ],
      env,
      'ein-langes-Passwort-für-Sam\n',
    );
    assert.equal(staff.code, 0, staff.stderr);
    assert.doesNotMatch(staff.stdout, /Passwort-für-Sam/, 'a chosen password is not printed');
    assert.match(staff.stdout, /roles: caseworker\)/, 'caseworker unless told otherwise');

    const designer = run(
      [
        'staff-add',
        '--tenant',
        'musterdorf',
        '--username',
        'sd@musterdorf',
        '--name',
        'Dana',
        '--role',
        'designer',
      ],
      env,
    );
    assert.equal(designer.code, 0, designer.stderr);
    assert.match(designer.stdout, /roles: designer\)/);
    const both = run(
      [
        'staff-add',
        '--tenant',
        'musterdorf',
        '--username',
        'b@musterdorf',
        '--name',
        'B',
        '--role',
        'designer',
        '--role',
        'caseworker',
      ],
      env,
    );
    assert.match(both.stdout, /roles: caseworker, designer\)/);
    const admin = run(
      [
        'staff-add',
        '--tenant',
        'musterdorf',
        '--username',
        'v@musterdorf',
        '--name',
        'Vera',
        '--role',
        'admin',
      ],
      env,
    );
    assert.equal(admin.code, 0, admin.stderr);
    assert.match(admin.stdout, /roles: admin\)/, 'the Verwaltung role');
    const unknownRole = run(
      ['staff-add', '--tenant', 'musterdorf', '--username', 'u@musterdorf', '--name', 'U', '--role', 'chef'],
      env,
    );
    assert.equal(unknownRole.code, 1);
    assert.match(unknownRole.stderr, /unknown role "chef".*ERR_STAFF_ROLE/);

    const weak = run(['staff-add', '--tenant', 'musterdorf', '--username', 'x@musterdorf', '--name', 'X'], {
      ...env,
      AMTSWEG_STAFF_PASSWORD: 'short',
    });
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /at least 12 characters/);

    const published = run(
      ['publish', '--tenant', 'musterdorf', join(repoRoot, 'test', 'fixtures', 'testantrag.json')],
      env,
    );
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /published musterdorf\/testantrag version 1/);

    const broken = join(dataDir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ formatVersion: 2, id: 'Kaputt!', steps: [] }));
    const refused = run(['publish', '--tenant', 'musterdorf', broken], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /was refused/);
    assert.match(refused.stderr, /\/id: /, 'the problem names its path');

    const notJson = join(dataDir, 'not.json');
    writeFileSync(notJson, '{ nope');
    const unreadable = run(['publish', '--tenant', 'musterdorf', notJson], env);
    assert.equal(unreadable.code, 1);
    assert.match(unreadable.stderr, /cannot read .* as JSON/);

    // Code lists: the bundled AGS list resolves; an unknown list is refused at its reference;
    // the operator's directory provides more.
    const parking = run(
      [
        'publish',
        '--tenant',
        'musterdorf',
        join(repoRoot, 'definitions', 'musterstadt', 'bewohnerparkausweis.json'),
      ],
      env,
    );
    assert.equal(parking.code, 0, parking.stderr);
    const withList = (uri: string) => {
      const definition = JSON.parse(
        readFileSync(join(repoRoot, 'test', 'fixtures', 'testantrag.json'), 'utf8'),
      );
      definition.id = 'mit-liste';
      definition.steps[0].fields.push({
        type: 'radio',
        key: 'liste',
        label: { de: 'Liste' },
        codeList: { uri },
      });
      const file = join(dataDir, 'mit-liste.json');
      writeFileSync(file, JSON.stringify(definition));
      return file;
    };
    const unknown = run(['publish', '--tenant', 'musterdorf', withList('urn:example:liste')], env);
    assert.equal(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /\/steps\/0\/fields\/\d+\/codeList: code list 'urn:example:liste' is not in the code list directory/,
    );
    const lists = join(dataDir, 'listen');
    mkdirSync(lists);
    writeFileSync(
      join(lists, 'liste.gc.xml'),
      '<gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><Identification><ShortName>L</ShortName><Version>1</Version><CanonicalUri>urn:example:liste</CanonicalUri></Identification><ColumnSet><Column Id="c"/><Column Id="n"/></ColumnSet><SimpleCodeList><Row><Value ColumnRef="c"><SimpleValue>a</SimpleValue></Value><Value ColumnRef="n"><SimpleValue>A</SimpleValue></Value></Row><Row><Value ColumnRef="c"><SimpleValue>b</SimpleValue></Value><Value ColumnRef="n"><SimpleValue>B</SimpleValue></Value></Row></SimpleCodeList></gc:CodeList>',
    );
    const provided = run(['publish', '--tenant', 'musterdorf', withList('urn:example:liste')], {
      ...env,
      AMTSWEG_CODELIST_DIR: lists,
    });
    assert.equal(provided.code, 0, provided.stderr);
    assert.match(provided.stdout, /published musterdorf\/mit-liste version 1/);
  });

  test('an operator lists accounts, resets a password, changes roles, disables and enables an account', () => {
    const env = { AMTSWEG_MASTER_KEY: masterKey, AMTSWEG_STAFF_PASSWORD: 'ein-langes-Test-Passwort' };
    assert.equal(run(['tenant-add', '--slug', 'kontenhausen', '--name', 'Kontenhausen'], env).code, 0);
    const created = run(
      ['staff-add', '--tenant', 'kontenhausen', '--username', 'kim@kontenhausen', '--name', 'Kim Konto'],
      env,
    );
    assert.equal(created.code, 0, created.stderr);

    const listed = run(['staff-list', '--tenant', 'kontenhausen'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout, 'kim@kontenhausen\tKim Konto\tcaseworker\tactive\n');
    assert.doesNotMatch(listed.stdout, /argon2/, 'never a password hash');

    const password = run(
      ['staff-password', '--username', 'kim@kontenhausen', '--password-stdin'],
      env,
      'ein-anderes-langes-Passwort',
    );
    assert.equal(password.code, 0, password.stderr);
    assert.doesNotMatch(password.stdout, /ein-anderes-langes-Passwort/);
    const chosen = run(['staff-password', '--username', 'kim@kontenhausen'], {
      ...env,
      AMTSWEG_STAFF_PASSWORD: 'ein-langes-neues-Passwort',
    });
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.doesNotMatch(chosen.stdout, /shown once/);

    const roles = run(
      ['staff-roles', '--username', 'kim@kontenhausen', '--role', 'designer,caseworker'],
      env,
    );
    assert.equal(roles.code, 0, roles.stderr);
    assert.match(roles.stdout, /roles of kim@kontenhausen: caseworker, designer/);
    const withAdmin = run(
      ['staff-roles', '--username', 'kim@kontenhausen', '--role', 'admin,caseworker'],
      env,
    );
    assert.equal(withAdmin.code, 0, withAdmin.stderr);
    assert.match(withAdmin.stdout, /roles of kim@kontenhausen: caseworker, admin/);
    assert.equal(
      run(['staff-roles', '--username', 'kim@kontenhausen', '--role', 'designer,caseworker'], env).code,
      0,
    );

    const disabled = run(['staff-disable', '--username', 'kim@kontenhausen'], env);
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.match(
      run(['staff-list', '--tenant', 'kontenhausen'], env).stdout,
      /caseworker,designer\tdisabled since \d{4}-/,
    );
    assert.equal(run(['staff-enable', '--username', 'kim@kontenhausen'], env).code, 0);
    assert.match(run(['staff-list', '--tenant', 'kontenhausen'], env).stdout, /\tactive\n$/);

    // Bad input: a clear message and a non-zero exit, nothing changed.
    const unknown = run(['staff-disable', '--username', 'niemand@kontenhausen'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no staff account "niemand@kontenhausen".*ERR_STAFF_UNKNOWN/);
    const noRole = run(['staff-roles', '--username', 'kim@kontenhausen'], env);
    assert.notEqual(noRole.code, 0);
    assert.match(noRole.stderr, /--role is required/);
    const badRole = run(['staff-roles', '--username', 'kim@kontenhausen', '--role', 'chef'], env);
    assert.equal(badRole.code, 1);
    assert.match(badRole.stderr, /unknown role "chef"/);
    const weak = run(['staff-password', '--username', 'kim@kontenhausen'], {
      ...env,
      AMTSWEG_STAFF_PASSWORD: 'kurz',
    });
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /at least 12 characters/);
    assert.match(
      run(['staff-list', '--tenant', 'kontenhausen'], env).stdout,
      /\tcaseworker,designer\tactive\n$/,
    );
    const noTenant = run(['staff-list', '--tenant', 'nirgendwo'], env);
    assert.equal(noTenant.code, 1);
    assert.match(noTenant.stderr, /no tenant "nirgendwo"/);
  });

  test('a generated password is shown once on the terminal only; without a terminal nothing changes', () => {
    const env = { AMTSWEG_MASTER_KEY: masterKey };
    assert.equal(run(['tenant-add', '--slug', 'terminalhausen', '--name', 'Terminalhausen'], env).code, 0);
    const add = [
      'staff-add',
      '--tenant',
      'terminalhausen',
      '--username',
      'tina@terminalhausen',
      '--name',
      'Tina',
    ];

    const refused = run(add, env);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /no terminal to show a generated password on/);
    assert.equal(run(['staff-list', '--tenant', 'terminalhausen'], env).stdout, 'no staff accounts\n');

    // On a terminal (script gives the command one) with standard output going to a file, as a
    // log would take it: the password appears on the terminal and not in the file.
    const out = join(dataDir, 'staff-add.out');
    const command = [process.execPath, ...amtswegArgs(...add)].map((a) => `'${a}'`).join(' ');
    const onTerminal = spawnSync('script', ['-qec', `${command} > '${out}'`, '/dev/null'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', AMTSWEG_DATA_DIR: dataDir, ...AMTSWEG_COMMAND_ENV, ...env },
      timeout: 60_000,
    });
    assert.equal(onTerminal.status, 0, onTerminal.stdout);
    const shown = /password \(shown once\): (\S{12,})/.exec(onTerminal.stdout)?.[1];
    assert.ok(shown, 'shown on the terminal');
    const logged = readFileSync(out, 'utf8');
    assert.match(logged, /staff account tina@terminalhausen created/);
    assert.doesNotMatch(logged, new RegExp(shown), 'not on standard output');
  });

  test('staff-unlock forgets the failed logins of a name', () => {
    const env = { AMTSWEG_MASTER_KEY: masterKey };
    const none = run(['staff-unlock', '--username', 'niemand@nirgendwo'], env);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /had no failed logins/);
  });

  test("an operator sets a municipality's legal links and names; bad links are refused", () => {
    const env = { AMTSWEG_MASTER_KEY: masterKey };
    const added = run(['tenant-add', '--slug', 'linkdorf', '--name', 'Linkdorf'], env);
    assert.equal(added.code, 0, added.stderr);
    assert.match(
      added.stdout,
      /set the links to Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit/,
    );
    const set = run(
      [
        'tenant-set',
        '--slug',
        'linkdorf',
        '--name-en',
        'Link Village',
        '--imprint-url',
        'https://www.linkdorf.de/impressum',
        '--privacy-url',
        'https://www.linkdorf.de/datenschutz',
        '--accessibility-url',
        'https://www.linkdorf.de/barrierefreiheit',
      ],
      env,
    );
    assert.equal(set.code, 0, set.stderr);
    const bad = run(['tenant-set', '--slug', 'linkdorf', '--imprint-url', 'javascript:alert(1)'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /link to the Impressum must be an absolute https:\/\/ URL.*ERR_TENANT_LINK/);
    const listed = run(['tenant-list'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(
      listed.stdout,
      /linkdorf\tLinkdorf\t-\tImpressum: https:\/\/www\.linkdorf\.de\/impressum\tDatenschutz: https:\/\/www\.linkdorf\.de\/datenschutz\tBarrierefreiheit: https:\/\/www\.linkdorf\.de\/barrierefreiheit/,
      'the refused change changed nothing',
    );
    const removed = run(['tenant-set', '--slug', 'linkdorf', '--privacy-url', ''], env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /Datenschutz: missing/);
    const unknown = run(['tenant-set', '--slug', 'nirgendwo', '--name', 'X'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no tenant "nirgendwo"/);
  });

  test('an unknown command is a usage error', () => {
    const result = run(['frobnicate']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command "frobnicate"/);
  });
});
