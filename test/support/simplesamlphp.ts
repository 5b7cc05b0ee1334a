/**
 * SimpleSAMLphp as a SAML identity provider for a test (ADR 0050): Debian's `simplesamlphp`
 * package, served by PHP's built-in server from its `www/` with a configuration generated here in
 * a temporary directory (SIMPLESAMLPHP_CONFIG_DIR): a hosted SAML 2.0 IdP with `exampleauth`
 * users, our SP as a remote SP read from our metadata, assertions signed and encrypted. A fully
 * independent SAML implementation (PHP, xmlseclibs). Where the package or PHP is missing,
 * `simpleSamlPhpMissing` says why; the test skips with that reason, except in CI (`CI` set), where
 * `.ci/run` installs the package and a missing one is a failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './listening-app.ts';
import { keyAndCert } from './saml-idp.ts';

const ROOT = process.env.AMTSWEG_TEST_SIMPLESAMLPHP ?? '/usr/share/simplesamlphp';
const PHP = '/usr/bin/php';

/** Why SimpleSAMLphp cannot run here, or undefined when it can. */
export function simpleSamlPhpMissing(): string | undefined {
  if (!existsSync(join(ROOT, 'www', 'saml2', 'idp', 'SSOService.php'))) {
    return `no SimpleSAMLphp at ${ROOT} (install the Debian package simplesamlphp, or set AMTSWEG_TEST_SIMPLESAMLPHP)`;
  }
  if (!existsSync(PHP)) return `no PHP at ${PHP} (install the Debian package php-cli)`;
  return undefined;
}

export interface SpRegistration {
  entityId: string;
  acs: string;
  /** Our single logout service (HTTP-Redirect). */
  slo: string;
  signingCert: string;
  encryptionCert: string;
}

export interface RunningSimpleSamlPhp {
  entityId: string;
  ssoUrl: string;
  /** Its single logout service (HTTP-Redirect). */
  sloUrl: string;
  /** The IdP's signing certificate (PEM), for our providers file. */
  cert: string;
  stop(): Promise<void>;
}

const php = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const base64Of = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');

/** Starts SimpleSAMLphp's IdP, trusting `sp`; `users` maps "name:password" to SAML attributes. */
export async function startSimpleSamlPhp(
  sp: SpRegistration,
  users: Record<string, Record<string, string>>,
  classRef: string,
): Promise<RunningSimpleSamlPhp> {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-simplesamlphp-'));
  for (const sub of ['config', 'metadata', 'cert', 'log', 'data', 'tmp', 'sessions'])
    mkdirSync(join(dir, sub));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const entityId = `${origin}/saml2/idp/metadata.php`;
  const keys = keyAndCert('SimpleSAMLphp test IdP');
  writeFileSync(join(dir, 'cert', 'idp.key'), keys.key);
  writeFileSync(join(dir, 'cert', 'idp.crt'), keys.cert);
  writeFileSync(
    join(dir, 'config', 'config.php'),
    `<?php
$config = [
  'baseurlpath' => ${php(`${origin}/`)},
  'certdir' => ${php(`${join(dir, 'cert')}/`)},
  'loggingdir' => ${php(`${join(dir, 'log')}/`)},
  'datadir' => ${php(`${join(dir, 'data')}/`)},
  'tempdir' => ${php(join(dir, 'tmp'))},
  'metadatadir' => ${php(`${join(dir, 'metadata')}/`)},
  'secretsalt' => ${php(keys.cert.slice(40, 80))},
  'auth.adminpassword' => ${php(keys.cert.slice(80, 120))},
  'technicalcontact_name' => 'Test',
  'technicalcontact_email' => 'test@example.invalid',
  'timezone' => 'UTC',
  'logging.level' => SimpleSAML\\Logger::WARNING,
  'logging.handler' => 'file',
  'logging.logfile' => 'simplesamlphp.log',
  'enable.saml20-idp' => true,
  'module.enable' => ['exampleauth' => true, 'core' => true, 'saml' => true],
  'session.cookie.secure' => false,
  'session.phpsession.savepath' => ${php(join(dir, 'sessions'))},
  'store.type' => 'phpsession',
  'language.default' => 'en',
];
`,
  );
  const userEntries = Object.entries(users)
    .map(
      ([login, attributes]) =>
        `    ${php(login)} => [${Object.entries(attributes)
          .map(([name, value]) => `${php(name)} => [${php(value)}]`)
          .join(', ')}],`,
    )
    .join('\n');
  writeFileSync(
    join(dir, 'config', 'authsources.php'),
    `<?php
$config = [
  'example-userpass' => [
    'exampleauth:UserPass',
${userEntries}
  ],
];
`,
  );
  writeFileSync(
    join(dir, 'metadata', 'saml20-idp-hosted.php'),
    `<?php
$metadata[${php(entityId)}] = [
  'host' => '__DEFAULT__',
  'privatekey' => 'idp.key',
  'certificate' => 'idp.crt',
  'auth' => 'example-userpass',
  'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
  'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'saml20.sign.assertion' => true,
  'sign.logout' => true,
  // The level, as BundID reports it (SimpleSAMLphp sets the class by this filter).
  'authproc' => [10 => ['class' => 'saml:AuthnContextClassRef', 'AuthnContextClassRef' => ${php(classRef)}]],
];
`,
  );
  writeFileSync(
    join(dir, 'metadata', 'saml20-sp-remote.php'),
    `<?php
$metadata[${php(sp.entityId)}] = [
  'AssertionConsumerService' => [
    ['Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'Location' => ${php(sp.acs)}, 'index' => 1],
  ],
  'keys' => [
    ['encryption' => false, 'signing' => true, 'type' => 'X509Certificate', 'X509Certificate' => ${php(base64Of(sp.signingCert))}],
    ['encryption' => true, 'signing' => false, 'type' => 'X509Certificate', 'X509Certificate' => ${php(base64Of(sp.encryptionCert))}],
  ],
  'SingleLogoutService' => [
    ['Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', 'Location' => ${php(sp.slo)}],
  ],
  'validate.authnrequest' => true,
  'validate.logout' => true,
  'assertion.encryption' => true,
  'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
];
`,
  );
  const child: ChildProcess = spawn(PHP, ['-S', `127.0.0.1:${port}`, '-t', join(ROOT, 'www')], {
    env: { ...process.env, SIMPLESAMLPHP_CONFIG_DIR: join(dir, 'config') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`${origin}/saml2/idp/metadata.php`);
      if (response.ok) break;
    } catch {}
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`SimpleSAMLphp did not start: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    entityId,
    ssoUrl: `${origin}/saml2/idp/SSOService.php`,
    sloUrl: `${origin}/saml2/idp/SingleLogoutService.php`,
    cert: keys.cert,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
