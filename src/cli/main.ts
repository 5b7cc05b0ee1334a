/**
 * The `amtsweg` command. `serve --demo` (what `npm start` runs) prepares a complete demo; plain
 * `serve` never creates demo accounts and refuses to start without a configured master key.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEnvelopeCipher, DATA_KEY_REFRESH_MS } from '../adapters/crypto/envelope.ts';
import { masterKeys } from '../adapters/crypto/key-wrapping.ts';
import {
  generateMasterKeyFile,
  loadMasterKey,
  loadPreviousMasterKey,
} from '../adapters/crypto/master-key.ts';
import { createReceiptSealer } from '../adapters/receipt/sealer.ts';
import { openDatabase } from '../adapters/storage/dialect/database.ts';
import { migrate } from '../adapters/storage/dialect/migrate.ts';
import { rewrapDataKeys } from '../adapters/storage/master-key-rotation.ts';
import { wrappedKeyLoader } from '../adapters/storage/repositories/tenants.ts';
import { rotateTenantKey, runAtLowPriority } from '../adapters/storage/tenant-key-rotation.ts';
import { type App, createApp, createLogger } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import {
  createStaffAccount,
  createTenant,
  listStaffAccounts,
  resetStaffPassword,
  setStaffDisabled,
  setStaffRoles,
  updateTenant,
} from '../core/administration.ts';
import { sealAll } from '../core/audit-chain/seal.ts';
import { type BrokenLink, verifyTenant } from '../core/audit-chain/verify.ts';
import type { Tenant } from '../core/domain.ts';
import { InvalidInputError } from '../core/errors.ts';
import { publishService } from '../core/publishing.ts';
import { installSealCertificate } from '../core/receipts.ts';
import { removeTenant } from '../core/retention/tenant-removal.ts';
import { totpUri } from '../core/second-factor.ts';
import { runDeletion } from '../jobs/submission-retention.ts';
import { AmtswegError } from '../lib/errors.ts';
import { type DemoCredential, seedDemo } from './demo-seed.ts';
import { importFimCommand } from './import-fim.ts';
import { leikaImportCommand, readImportFile } from './leika-import.ts';
import { packageCommand } from './package.ts';
import { chosenPassword, openTerminal, type Terminal } from './password-input.ts';
import { UsageError } from './usage-error.ts';

const HELP = `Usage: amtsweg <command> [options]

Commands:
  serve          Start the web server (runs pending migrations first).
    --demo       Demo mode: create the data directory and a master key if missing,
                 seed the demo municipalities and print URLs and demo credentials.
                 Also runs the delivery worker, unless AMTSWEG_DELIVERY_WORKER=off.
  worker         Run only the delivery worker (ADR 0034): sends due submissions to the
                 configured channels (e-mail, webhook) with retries. Any number of
                 workers and servers may share one database.
  migrate        Run pending database migrations and exit.
  demo           Seed the demo municipalities and accounts, then exit.
  tenant-add     Add a municipality: --slug musterdorf --name "Musterdorf"
                 [--name-en "…"] [--ags 12345678] [--imprint-url https://…]
                 [--privacy-url https://…] [--accessibility-url https://…]
  tenant-set     Change a municipality's names, AGS or links (same options; the slug
                 stays; an empty value removes an optional one): --slug musterdorf
  tenant-list    List the municipalities with their links.
  staff-add      Add a staff account: --tenant musterdorf --username u --name "Name"
                 [--role caseworker|designer|admin] (repeat or comma-separate for
                 several; default caseworker). caseworker = Sachbearbeitung (inbox),
                 designer = Service-Design (upload, preview, publish definitions),
                 admin = Verwaltung (staff accounts, settings, in the web UI).
                 The password: see "Passwords" below.
  staff-list     List a municipality's staff accounts: --tenant musterdorf
  staff-password Set a new password: --username u (see "Passwords" below). Ends the
                 account's sessions.
  staff-unlock   End a lock after failed logins at once: --username u (a lock also ends
                 by itself after 15 minutes).
  staff-reset-2fa TENANT USERNAME
                 Remove an account's second factor (TOTP and recovery codes), e.g. after
                 a lost phone: its sessions end, and at its next login it sets up a new
                 one (admins and designers must; caseworkers may). Audited.
  staff-roles    Replace an account's roles: --username u --role caseworker|designer|admin
                 (repeat or comma-separate). Ends the account's sessions.
  staff-disable  Disable an account (no login, sessions end; it stays in the audit trail):
                 --username u
  staff-enable   Enable a disabled account again: --username u
  publish FILE   Publish a service definition (JSON) as a new version: --tenant musterdorf,
                 optionally --message "what changed and why" (kept in the version history).
                 A definition with problems is refused with each problem's path.
  import-fim FILE [CODELIST.gc.xml ...]
                 Convert a FIM XDatenfelder 2.0/3.0.0 file to a definition (JSON on stdout,
                 warnings on stderr); extra files are genericode code lists, used besides
                 those in the code list directories.
  package export SLUG SERVICE --out FILE [--version N]
                 Write a published version (default: the newest) of a municipality's service
                 as a service package (ADR 0051): definition, code list snapshots, provenance
                 and content hash; never operational configuration. Refuses to overwrite FILE.
  package import SLUG FILE
                 Check a service package like an upload and start an editor draft of the
                 municipality from it (never published by itself; the office must be filled
                 in). A refused package prints the reason and exits 2; nothing is stored.
  leika-import FILE [--replace]
                 Import the LeiKa catalogue (Leistungskatalog) for the whole installation,
                 so designers can search it: the official CSV (";"-separated, UTF-8 or
                 Windows-1252, header Schluessel;…;Veröffentlichungsdatum), or the 2019 OZG
                 catalogue export (leika_key,leika_name,…). Rows with a malformed key are
                 skipped and listed with their line numbers. --replace replaces an imported
                 catalogue (in one transaction). Exit 2 for a file that is not a LeiKa CSV.
                 No catalogue ships with Amtsweg (see docs/operator/README.md).
  seal-import FILE.p12
                 Install the seal certificate of a municipality's receipts (PKCS#12 with the
                 private key and its chain): --tenant musterdorf. The passphrase is read from
                 AMTSWEG_SEAL_PASSPHRASE. Replaces the stored one (a demo one included).
  federation key Print this installation's feed address and the thumbprint of its current
                 signing key: what another installation's admin pins when subscribing
                 (ADR 0054).
  federation rotate-key
                 Make a new signing key, introduced by a statement the current key signs,
                 and retire the current one. Subscribers follow on their next sync; what
                 the retired key signs after now is refused. Prints both thumbprints.
  keys rotate    After a new master key was configured (AMTSWEG_MASTER_KEY(_FILE), the old
                 one as AMTSWEG_MASTER_KEY_PREVIOUS(_FILE)): rewrap every municipality's data
                 key under the new one now, while the app keeps serving. Resumable: run it
                 again after an interruption. Then the previous key can be removed.
  keys rotate-tenant SLUG
                 Give one municipality a new data key and re-encrypt all its data under it
                 in batches while the app keeps serving, then destroy the old key (ADR 0047).
                 [--batch 200] values per transaction, [--pause-ms 0] pause after each
                 batch to leave the serving instances more room. Resumable: run it again after an
                 interruption. Exit code 2 for an unknown SLUG, 1 when some value could not
                 be read (the old key is then kept).
  retention-run  Run the deletion deadlines now (ADR 0039): delete the closed applications,
                 files and delivered outbox items that are past their Löschfrist (setting
                 "Löschfristen der Anträge" per service), then seal the audit trail. Prints
                 counts only. [--as-of 2027-01-01T00:00:00Z] deletes what would be due at
                 that time (to try a deadline out; audited like any run).
  tenant-remove  Remove a municipality with all its data: --slug musterdorf. Refused while
                 it still has applications (delete them or let them expire first).
  audit verify   Check every municipality's audit hash chain (ADR 0040) [--tenant slug]:
                 each checkpoint, its link and the events it sealed. Exit code 1 and the
                 first broken link when something was changed.
  audit seal     Seal new audit events into the chain now (the server does it every 5 min).
  --help         Show this help.

Passwords (staff-add, staff-password): with --password-stdin, read from standard input
(typed twice without echo on a terminal, or piped); else from AMTSWEG_STAFF_PASSWORD;
else generated and shown once on the terminal (/dev/tty), never on standard output.

Environment: PORT, HOST, AMTSWEG_DATA_DIR, DATABASE_URL, AMTSWEG_BASE_URL,
AMTSWEG_MASTER_KEY or AMTSWEG_MASTER_KEY_FILE, AMTSWEG_MASTER_KEY_PREVIOUS(_FILE), LOG_LEVEL,
AMTSWEG_CODELIST_DIR, AMTSWEG_TRUSTED_PROXIES, AMTSWEG_SMTP_URL, AMTSWEG_SMTP_PASSWORD,
AMTSWEG_MAIL_FROM, AMTSWEG_DELIVERY_WORKER, AMTSWEG_DELIVERY_POLL_MS, AMTSWEG_CLAMD_SOCKET or
AMTSWEG_CLAMD_HOST, AMTSWEG_CLAMD_TIMEOUT_MS, AMTSWEG_CLAMD_UNAVAILABLE, AMTSWEG_ARCHIVE_DIR,
AMTSWEG_TEST_IDP, AMTSWEG_IDENTITY_PROVIDERS_FILE, AMTSWEG_DATA_KEY_REFRESH_MS
(see docs/operator/README.md).
`;

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function masterKeyFor(config: Config, demo: boolean): Buffer {
  if (demo && !config.masterKeyBase64 && !config.masterKeyFile) {
    // Demo mode keeps its generated key beside the data it protects; production never does this.
    const file = join(config.dataDir, 'master.key');
    if (!existsSync(file)) generateMasterKeyFile(file);
    return loadMasterKey({ file });
  }
  return loadMasterKey({ base64: config.masterKeyBase64, file: config.masterKeyFile });
}

async function seed(config: Config, masterKey: Buffer): Promise<void> {
  const app = await createApp({ config, masterKey, jobs: false, logger: createLogger('warn') });
  try {
    const result = await seedDemo({
      store: app.store,
      clock: app.clock,
      passwords: app.passwords,
      codeLists: app.codeLists,
      schriftformersatzMinimum: config.schriftformersatzMinimumLevel,
      definitionsDir: join(repoRoot, 'definitions'),
      credentialsFile: join(config.dataDir, 'demo-credentials.json'),
    });
    for (const line of result.published) console.log(`published ${line}`);
    printDemo(config, result.credentials);
  } finally {
    await app.close();
  }
}

function printDemo(config: Config, credentials: DemoCredential[]): void {
  const lines = [
    '',
    'Amtsweg demo',
    `  Citizens:     ${config.baseUrl}/musterstadt   and   ${config.baseUrl}/beispielhausen`,
    `  Staff:        ${config.baseUrl}/staff/login`,
    ...credentials.flatMap((c) => [
      `  Demo ${(c.role ?? 'caseworker').padEnd(10)} (${c.tenant}): ${c.username}  /  ${c.password}`,
      // The second factor (ADR 0055): the secret for an authenticator app, typed or as its URI.
      ...(c.totpSecret
        ? [`      TOTP secret: ${c.totpSecret}`, `      ${totpUri(c.totpSecret, 'Amtsweg', c.username)}`]
        : []),
    ]),
    `  Data:         ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.sqlitePath}`,
    '',
  ];
  console.log(lines.join('\n'));
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      slug: { type: 'string' },
      name: { type: 'string' },
      'name-en': { type: 'string' },
      ags: { type: 'string' },
      tenant: { type: 'string' },
      message: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean', default: false },
      'imprint-url': { type: 'string' },
      'privacy-url': { type: 'string' },
      'accessibility-url': { type: 'string' },
      'as-of': { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
      batch: { type: 'string' },
      'pause-ms': { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      const database = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: mkData(config) });
      try {
        const applied = await migrate(database.db, database.dialect);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await database.destroy();
      }
      return 0;
    }
    case 'demo': {
      mkData(config);
      await seed(config, masterKeyFor(config, true));
      return 0;
    }
    case 'serve': {
      // The demo logs citizens in at the built-in test IdP; plain `serve` only when told to.
      if (values.demo) config.testIdp = true;
      else if (config.testIdp) {
        console.warn(
          'AMTSWEG_TEST_IDP=on: the built-in test identity provider is enabled under /test-idp. Anyone can log in there as anyone; never use it for real applications.',
        );
      }
      mkData(config);
      const masterKey = masterKeyFor(config, values.demo);
      if (values.demo) await seed(config, masterKey);
      const app = await createApp({ config, masterKey, demoSeals: values.demo });
      const shutdown = async (signal: string) => {
        app.logger.info({ signal }, 'shutting down');
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      await app.server.listen({ port: config.port, host: config.host });
      return -1;
    }
    case 'worker': {
      mkData(config);
      const app = await createApp({
        config,
        masterKey: masterKeyFor(config, false),
        jobs: false,
        deliveryWorker: true,
      });
      app.logger.info(
        { event: 'delivery.worker-started', owner: app.deliveryWorker?.owner },
        'delivery worker started',
      );
      // The worker's own timers do not keep a process alive (inside `serve` the server does).
      const alive = setInterval(() => {}, 60 * 60 * 1000);
      const shutdown = async (signal: string) => {
        clearInterval(alive);
        app.logger.info({ signal }, 'stopping the delivery worker');
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      return -1;
    }
    case 'tenant-add': {
      const tenant = await withApp(config, (app) =>
        createTenant(
          { store: app.store, newId: randomUUID },
          {
            slug: required(values.slug, '--slug'),
            nameDe: required(values.name, '--name'),
            ...(values['name-en'] ? { nameEn: values['name-en'] } : {}),
            ...(values.ags ? { ags: values.ags } : {}),
            legalLinks: legalLinkOptions(values),
          },
        ),
      );
      console.log(`tenant ${tenant.slug} created: ${config.baseUrl}/${tenant.slug}`);
      if (!tenant.legalLinks?.imprint || !tenant.legalLinks.privacy || !tenant.legalLinks.accessibility) {
        console.log(
          'note: set the links to Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit with tenant-set',
        );
      }
      return 0;
    }
    case 'tenant-set': {
      const tenant = await withApp(config, (app) =>
        updateTenant({ store: app.store }, required(values.slug, '--slug'), {
          ...(values.name !== undefined && { nameDe: values.name }),
          ...(values['name-en'] !== undefined && { nameEn: values['name-en'] }),
          ...(values.ags !== undefined && { ags: values.ags }),
          legalLinks: legalLinkOptions(values),
        }),
      );
      console.log(`tenant ${tenant.slug} updated`);
      printTenant(tenant);
      return 0;
    }
    case 'tenant-list': {
      const tenants = await withApp(config, (app) => app.store.tenants.list());
      if (tenants.length === 0) console.log('no tenants');
      for (const tenant of tenants) printTenant(tenant);
      return 0;
    }
    case 'staff-add': {
      const { password, terminal } = await passwordToSet(values['password-stdin']);
      const account = await withApp(config, (app) =>
        createStaffAccount(
          { store: app.store, passwords: app.passwords, newId: randomUUID },
          {
            tenantSlug: required(values.tenant, '--tenant'),
            username: required(values.username, '--username'),
            displayName: required(values.name, '--name'),
            password,
            ...(values.role ? { roles: values.role } : {}),
          },
        ),
      );
      console.log(`staff account ${account.username} created (roles: ${account.roles.join(', ')})`);
      terminal?.showOnce(`password (shown once): ${password}`);
      return 0;
    }
    case 'staff-list': {
      const accounts = await withApp(config, (app) =>
        listStaffAccounts({ store: app.store }, required(values.tenant, '--tenant')),
      );
      if (accounts.length === 0) console.log('no staff accounts');
      for (const a of accounts) {
        const state = a.disabledAt ? `disabled since ${a.disabledAt}` : 'active';
        console.log(`${a.username}\t${a.displayName}\t${a.roles.join(',')}\t${state}`);
      }
      return 0;
    }
    case 'staff-password': {
      const username = required(values.username, '--username');
      const { password, terminal } = await passwordToSet(values['password-stdin']);
      const account = await withApp(config, (app) =>
        resetStaffPassword({ store: app.store, passwords: app.passwords }, { username, password }),
      );
      console.log(`new password set for ${account.username}; its sessions have ended`);
      terminal?.showOnce(`password (shown once): ${password}`);
      return 0;
    }
    case 'staff-unlock': {
      const username = required(values.username, '--username');
      const unlocked = await withApp(config, (app) => app.staffAuth.unlock(username));
      console.log(
        unlocked
          ? `the failed logins of ${username} are forgotten; it can log in again at once`
          : `${username} had no failed logins to forget`,
      );
      return 0;
    }
    case 'staff-reset-2fa':
      return resetSecondFactorCommand(config, positionals[1], positionals[2]);
    case 'staff-roles': {
      const roles = values.role;
      if (!roles) throw new UsageError('--role is required');
      const account = await withApp(config, (app) =>
        setStaffRoles({ store: app.store }, { username: required(values.username, '--username'), roles }),
      );
      console.log(`roles of ${account.username}: ${account.roles.join(', ')}; its sessions have ended`);
      return 0;
    }
    case 'staff-disable':
    case 'staff-enable': {
      const disabled = command === 'staff-disable';
      const account = await withApp(config, (app) =>
        setStaffDisabled(
          { store: app.store, clock: app.clock },
          { username: required(values.username, '--username'), disabled },
        ),
      );
      console.log(
        disabled
          ? `${account.username} is disabled; its sessions have ended`
          : `${account.username} is enabled again`,
      );
      return 0;
    }
    case 'keys': {
      if (positionals[1] === 'rotate-tenant')
        return rotateTenantCommand(config, positionals[2], values.batch, values['pause-ms']);
      if (positionals[1] !== 'rotate')
        throw new UsageError('keys: the subcommand is rotate or rotate-tenant');
      mkData(config);
      const masters = masterKeys(
        masterKeyFor(config, false),
        loadPreviousMasterKey({ base64: config.previousMasterKeyBase64, file: config.previousMasterKeyFile }),
      );
      const database = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
      try {
        await migrate(database.db, database.dialect);
        const result = await rewrapDataKeys(database.db, masters, () => new Date());
        console.log(
          `master key ${masters.current.id}: ${result.rewrapped} data keys rewrapped, ${result.current} already under it`,
        );
        for (const u of result.unreadable) console.error(`not rewrapped: ${u.slug}: ${u.reason}`);
        if (result.unreadable.length > 0) {
          console.error(
            'set the master key these are wrapped under as AMTSWEG_MASTER_KEY_PREVIOUS and run keys rotate again',
          );
          return 1;
        }
        if (masters.previous) {
          console.log(
            'every data key is under the current master key: AMTSWEG_MASTER_KEY_PREVIOUS can be removed',
          );
        }
        return 0;
      } finally {
        await database.destroy();
      }
    }
    case 'federation': {
      const sub = positionals[1];
      if (sub !== 'key' && sub !== 'rotate-key')
        throw new UsageError('federation: the subcommand is key or rotate-key');
      return withApp(config, async (app) => {
        if (sub === 'rotate-key') {
          const rotated = await app.instanceKeys.rotate();
          if (!rotated) {
            console.error('another rotation came first: nothing changed, run federation key');
            return 1;
          }
          console.log(`retired key: ${rotated.retired}`);
        }
        const current = await app.instanceKeys.current();
        console.log(`feed: ${config.baseUrl}/katalog/feed`);
        console.log(`key: ${current.kid}`);
        return 0;
      });
    }
    case 'seal-import': {
      const file = positionals[1];
      if (!file) throw new UsageError('seal-import needs a FILE (PKCS#12)');
      const passphrase = process.env.AMTSWEG_SEAL_PASSPHRASE;
      if (passphrase === undefined)
        throw new UsageError("set AMTSWEG_SEAL_PASSPHRASE to the file's passphrase");
      const pkcs12 = readFileSync(file);
      const tenantSlug = required(values.tenant, '--tenant');
      const info = await withApp(config, (app) =>
        installSealCertificate(
          { store: app.store, clock: app.clock, sealer: createReceiptSealer(app.clock) },
          tenantSlug,
          pkcs12,
          passphrase,
        ),
      );
      console.log(`seal certificate of ${tenantSlug} installed`);
      console.log(`  subject:     ${info.subject}`);
      console.log(`  issuer:      ${info.issuer}`);
      console.log(`  valid:       ${info.notBefore} to ${info.notAfter}`);
      console.log(`  SHA-256:     ${info.fingerprint}`);
      return 0;
    }
    case 'publish': {
      const file = positionals[1];
      if (!file) throw new UsageError('publish needs a FILE');
      let input: unknown;
      try {
        input = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        console.error(`amtsweg: cannot read ${file} as JSON: ${(error as Error).message}`);
        return 1;
      }
      const tenantSlug = required(values.tenant, '--tenant');
      const outcome = await withApp(config, async (app) => {
        const tenant = await app.store.tenants.bySlug(tenantSlug);
        if (!tenant) throw new InvalidInputError('ERR_TENANT_UNKNOWN', `no tenant "${tenantSlug}"`);
        return publishService(
          {
            store: app.store,
            clock: app.clock,
            codeLists: app.codeLists,
            schriftformersatzMinimum: config.schriftformersatzMinimumLevel,
          },
          tenant.id,
          input,
          // The history says why every version exists (ADR 0043); without --message, where it came from.
          { publishedBy: null, changeMessage: values.message?.trim() || `amtsweg publish ${basename(file)}` },
        );
      });
      if (!outcome.ok) {
        console.error(`amtsweg: ${file} was refused (${outcome.problems.length} problems):`);
        for (const p of outcome.problems) console.error(`  ${p.path || '/'}: ${p.message}`);
        return 1;
      }
      console.log(`published ${tenantSlug}/${outcome.version.slug} version ${outcome.version.version}`);
      return 0;
    }
    case 'import-fim':
      return importFimCommand(positionals.slice(1), config.codeListDirs);
    case 'package':
      return packageCommand(positionals.slice(1), values, (task) => withApp(config, task));
    case 'leika-import': {
      const file = positionals[1];
      const bytes = readImportFile(file);
      if (typeof bytes === 'number') return bytes;
      return withApp(config, (app) =>
        leikaImportCommand({ store: app.store, clock: app.clock }, file!, bytes, values.replace),
      );
    }
    case 'retention-run': {
      const asOf = values['as-of'];
      const at = asOf === undefined ? undefined : new Date(asOf);
      if (at !== undefined && Number.isNaN(at.getTime())) {
        throw new UsageError(`--as-of must be a date and time such as 2027-01-01T00:00:00Z, got "${asOf}"`);
      }
      const report = await withApp(config, (app) =>
        runDeletion(
          { ...app.erasure, clock: at ? { now: () => at } : app.erasure.clock },
          app.logger,
          app.clock,
        ),
      );
      console.log(
        `deleted: ${report.submissions} applications, ${report.files} files, ${report.deliveries} delivered outbox items`,
      );
      if (report.waitingForArchive.length > 0) {
        console.log(
          `${report.waitingForArchive.length} services wait to offer due applications to the archive: set AMTSWEG_ARCHIVE_DIR`,
        );
      }
      if (report.invalidSettings.length > 0) {
        console.log(
          `${report.invalidSettings.length} services have invalid deletion deadlines: nothing of them was deleted`,
        );
      }
      return 0;
    }
    case 'tenant-remove': {
      const slug = required(values.slug, '--slug');
      const outcome = await withApp(config, (app) => removeTenant(app.store, slug));
      if (!outcome.removed) {
        console.error(
          `amtsweg: ${slug} still has ${outcome.submissions} applications; delete them (or let them expire and run retention-run) first. Nothing was removed.`,
        );
        return 1;
      }
      console.log(`municipality ${slug} and all its data are removed`);
      return 0;
    }
    case 'audit':
      return auditCommand(config, positionals[1], values.tenant);
    default:
      console.error(`unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}

async function auditCommand(config: Config, sub: string | undefined, tenantSlug: string | undefined) {
  if (sub === 'seal') {
    const count = await withApp(config, (app) => sealAll({ store: app.store, clock: app.clock }));
    console.log(`${count} checkpoints appended`);
    return 0;
  }
  if (sub !== 'verify') throw new UsageError('audit needs "verify" or "seal"');
  const reports = await withApp(config, async (app) => {
    const tenants = await app.store.tenants.list();
    const chosen = tenantSlug === undefined ? tenants : tenants.filter((t) => t.slug === tenantSlug);
    if (chosen.length === 0)
      throw new InvalidInputError('ERR_TENANT_UNKNOWN', `no municipality "${tenantSlug}"`);
    const out = [];
    for (const tenant of chosen)
      out.push({ slug: tenant.slug, report: await verifyTenant(app.store, tenant.id) });
    return out;
  });
  let broken = false;
  for (const { slug, report } of reports) {
    if (report.broken) {
      broken = true;
      console.log(`${slug}: BROKEN at checkpoint ${report.broken.seq}: ${BROKEN_LINKS[report.broken.link]}`);
      continue;
    }
    console.log(
      `${slug}: intact: ${report.checkpoints} checkpoints, ${report.events} sealed events, ` +
        `${report.erasures} deleted under a deletion deadline (${report.pendingErasures} to be recorded), ` +
        `${report.unsealed} not yet sealed; head ${report.headHash ?? '-'}`,
    );
  }
  return broken ? 1 : 0;
}

const BROKEN_LINKS: Record<BrokenLink, string> = {
  'checkpoint-changed': 'the checkpoint itself was changed',
  'chain-broken': 'the checkpoint does not follow the one before it (a checkpoint was replaced or removed)',
  'events-changed': 'an event it sealed was changed, deleted or moved',
  'erasures-changed': 'the record of deletions under a deadline was changed',
};

function legalLinkOptions(values: Record<string, unknown>) {
  const pick = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return {
    ...(pick('imprint-url') !== undefined && { imprint: pick('imprint-url') as string }),
    ...(pick('privacy-url') !== undefined && { privacy: pick('privacy-url') as string }),
    ...(pick('accessibility-url') !== undefined && { accessibility: pick('accessibility-url') as string }),
  };
}

function printTenant(tenant: Tenant): void {
  const links = tenant.legalLinks ?? {};
  console.log(
    [
      tenant.slug,
      tenant.name.de,
      tenant.ags ?? '-',
      `Impressum: ${links.imprint ?? 'missing'}`,
      `Datenschutz: ${links.privacy ?? 'missing'}`,
      `Barrierefreiheit: ${links.accessibility ?? 'missing'}`,
    ].join('\t'),
  );
}

/**
 * The password an operator sets: chosen (standard input or environment) or generated. For a
 * generated one the terminal is opened first, so a command without one changes nothing.
 */
async function passwordToSet(fromStdin: boolean): Promise<{ password: string; terminal?: Terminal }> {
  const chosen = await chosenPassword(fromStdin);
  if (chosen !== undefined) return { password: chosen };
  return { password: randomBytes(15).toString('base64url'), terminal: openTerminal() };
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
}

/** Runs an operator task against the configured database (master key required, as for serve). */
/** `amtsweg keys rotate-tenant SLUG` (ADR 0047). */
async function rotateTenantCommand(
  config: Config,
  slug: string | undefined,
  batchText: string | undefined,
  pauseText: string | undefined,
) {
  if (!slug) throw new UsageError('keys rotate-tenant needs the SLUG of a municipality');
  const batch = batchText === undefined ? undefined : Number(batchText);
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > 10_000)) {
    throw new UsageError(`--batch must be a whole number from 1 to 10000, got "${batchText}"`);
  }
  const pauseMs = pauseText === undefined ? undefined : Number(pauseText);
  if (pauseMs !== undefined && (!Number.isInteger(pauseMs) || pauseMs < 0 || pauseMs > 60_000)) {
    throw new UsageError(
      `--pause-ms must be a whole number of milliseconds from 0 to 60000, got "${pauseText}"`,
    );
  }
  mkData(config);
  const masters = {
    masterKey: masterKeyFor(config, false),
    previousMasterKey: loadPreviousMasterKey({
      base64: config.previousMasterKeyBase64,
      file: config.previousMasterKeyFile,
    }),
  };
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    await migrate(database.db, database.dialect);
    const tenant = await database.db
      .selectFrom('tenants')
      .select(['id', 'slug'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (!tenant) throw new UsageError(`no municipality "${slug}" (see amtsweg tenant-list)`);
    const refreshMs = config.dataKeyRefreshMs ?? DATA_KEY_REFRESH_MS;
    const cipher = createEnvelopeCipher({
      ...masters,
      loadWrappedKey: wrappedKeyLoader(database.db),
      refreshMs,
    });
    // The serving instances come first on this machine (ADR 0047).
    runAtLowPriority();
    const result = await rotateTenantKey(
      {
        db: database.db,
        dialect: database.dialect,
        cipher,
        now: () => new Date(),
        refreshMs,
        batch,
        pauseMs,
        progress: (event) => {
          if (event.kind === 'created') console.log(`${slug}: data key version ${event.version} created`);
          if (event.kind === 'resumed') {
            console.log(
              `${slug}: carrying on an interrupted rotation to version ${event.version} (still in use: ${event.older.join(', ')})`,
            );
          }
          if (event.kind === 'batch')
            console.log(`${slug}: ${event.total} values re-encrypted (${event.column})`);
          if (event.kind === 'waiting') {
            console.log(
              `${slug}: waiting ${Math.ceil(event.ms / 1000)} s until no instance writes with the old key`,
            );
          }
        },
      },
      tenant.id,
    );
    for (const u of result.unreadable) console.error(`not re-encrypted: ${u.column} ${u.key}: ${u.reason}`);
    if (result.unreadable.length > 0) {
      console.error(`${slug}: the older data key versions are kept until these values are dealt with`);
      return 1;
    }
    console.log(
      `${slug}: ${result.reencrypted} values re-encrypted under data key version ${result.version}` +
        (result.retired.length > 0 ? `; version ${result.retired.join(', ')} destroyed` : ''),
    );
    return 0;
  } finally {
    await database.destroy();
  }
}

/** `staff-reset-2fa TENANT USERNAME` (ADR 0055). */
async function resetSecondFactorCommand(
  config: Config,
  slug: string | undefined,
  username: string | undefined,
) {
  if (!slug || !username) throw new UsageError('staff-reset-2fa needs the TENANT (slug) and the USERNAME');
  const reset = await withApp(config, async (app) => {
    const tenant = await app.store.tenants.bySlug(slug);
    if (!tenant) throw new UsageError(`no municipality "${slug}" (see amtsweg tenant-list)`);
    const account = await app.store.staff.byUsername(username.trim());
    if (account?.tenantId !== tenant.id)
      throw new UsageError(`${slug} has no account "${username}" (see amtsweg staff-list --tenant ${slug})`);
    return app.staffAuth.resetSecondFactor(account);
  });
  console.log(
    reset
      ? `the second factor of ${username} is removed; its sessions have ended, and it sets up a new one at its next login`
      : `${username} had no second factor; nothing changed`,
  );
  return 0;
}

async function withApp<T>(config: Config, task: (app: App) => Promise<T>): Promise<T> {
  mkData(config);
  const masterKey = masterKeyFor(config, false);
  const app = await createApp({ config, masterKey, jobs: false, logger: createLogger('warn') });
  try {
    return await task(app);
  } finally {
    await app.close();
  }
}

function mkData(config: Config): string {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return config.sqlitePath;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`amtsweg: ${error.message} (see amtsweg --help)`);
      process.exit(2);
    }
    if (error instanceof AmtswegError) {
      console.error(`amtsweg: ${error.message} (${error.code})`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
