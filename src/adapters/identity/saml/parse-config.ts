/**
 * Reads a `"kind": "saml"` entry of the operator's identity providers file (ADR 0050). Keys and
 * certificates are never in the file itself: it names the PEM files. Every problem stops the start
 * with a message naming the entry and the property; a key that does not fit its certificate, or a
 * certificate that does not parse, is such a problem.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { isAssuranceLevel } from '../../../core/identity/levels.ts';
import type { IdentityAttributes } from '../../../core/identity/records.ts';
import { BUNDID_ATTRIBUTES, BUNDID_SUBJECT, type SamlProviderConfig, STORK_LEVELS } from './config.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** What a SAML entry shares with the other kinds (checked by the caller). */
export interface SamlEntryContext {
  id: string;
  label: SamlProviderConfig['label'];
  attributeNames: ReadonlyArray<keyof IdentityAttributes>;
  /** Whether a URL may be http (this machine only). */
  isAllowedUrl(url: URL): boolean;
  readFile(path: string): string;
  fail(message: string): never;
}

export function parseSamlEntry(entry: Record<string, unknown>, ctx: SamlEntryContext): SamlProviderConfig {
  const { fail } = ctx;
  const read = (property: string, path: unknown): string => {
    if (typeof path !== 'string' || path === '') return fail(`"${property}" must name a file`);
    try {
      return ctx.readFile(path);
    } catch {
      return fail(`"${property}": the file ${path} cannot be read`);
    }
  };
  const certsIn = (property: string, path: unknown): string[] => {
    const certs = read(property, path).match(PEM_CERT) ?? [];
    if (certs.length === 0) fail(`"${property}": ${String(path)} holds no PEM certificate`);
    for (const cert of certs) {
      try {
        new X509Certificate(cert);
      } catch {
        fail(`"${property}": a certificate in ${String(path)} does not parse`);
      }
    }
    return certs;
  };
  const keyPair = (keyProperty: string, certProperty: string, keyPath: unknown, certPath: unknown) => {
    const key = read(keyProperty, keyPath);
    const [cert] = certsIn(certProperty, certPath);
    try {
      if (!new X509Certificate(cert!).checkPrivateKey(createPrivateKey(key))) {
        fail(`"${keyProperty}" does not belong to the certificate in "${certProperty}"`);
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_CONFIG_IDENTITY_PROVIDERS') throw error;
      fail(`"${keyProperty}": ${String(keyPath)} is not a PEM private key`);
    }
    return { key, cert: cert! };
  };

  const { idp, sp, levels, attributes, subject, clockSkewSeconds } = entry;
  if (!isRecord(idp)) return fail('"idp" must be {"entityId", "ssoUrl", "certFile"}');
  if (typeof idp.entityId !== 'string' || idp.entityId === '') fail('"idp"."entityId" must be a text');
  let ssoUrl: URL | undefined;
  try {
    ssoUrl = new URL(String(idp.ssoUrl));
  } catch {}
  if (!ssoUrl || typeof idp.ssoUrl !== 'string' || !ctx.isAllowedUrl(ssoUrl)) {
    return fail('"idp"."ssoUrl" must be an https URL');
  }
  let sloUrl: URL | undefined;
  if (idp.sloUrl !== undefined) {
    try {
      sloUrl = new URL(String(idp.sloUrl));
    } catch {}
    if (!sloUrl || typeof idp.sloUrl !== 'string' || !ctx.isAllowedUrl(sloUrl)) {
      return fail('"idp"."sloUrl" must be an https URL (the single logout service, HTTP-Redirect)');
    }
  }
  const idpCerts = certsIn('idp.certFile', idp.certFile);

  if (!isRecord(sp))
    return fail(
      '"sp" must be {"keyFile", "certFile"} (and optionally "encryptionKeyFile", "encryptionCertFile")',
    );
  const signing = keyPair('sp.keyFile', 'sp.certFile', sp.keyFile, sp.certFile);
  const encryption =
    sp.encryptionKeyFile === undefined && sp.encryptionCertFile === undefined
      ? signing
      : keyPair('sp.encryptionKeyFile', 'sp.encryptionCertFile', sp.encryptionKeyFile, sp.encryptionCertFile);

  let levelMap: Record<string, 'niedrig' | 'substanziell' | 'hoch'> = { ...STORK_LEVELS };
  if (levels !== undefined) {
    if (!isRecord(levels) || Object.keys(levels).length === 0) {
      return fail('"levels" must map authentication context classes to niedrig, substanziell or hoch');
    }
    for (const [classRef, level] of Object.entries(levels)) {
      if (!isAssuranceLevel(level)) fail(`"levels"."${classRef}" must be niedrig, substanziell or hoch`);
    }
    levelMap = levels as typeof levelMap;
  }

  const mapping: Partial<Record<keyof IdentityAttributes, string>> = { ...BUNDID_ATTRIBUTES };
  if (attributes !== undefined) {
    if (!isRecord(attributes)) return fail('"attributes" must map attributes to SAML attribute names');
    for (const [attribute, name] of Object.entries(attributes)) {
      if (!(ctx.attributeNames as readonly string[]).includes(attribute)) {
        fail(`"attributes"."${attribute}" is not an attribute (${ctx.attributeNames.join(', ')})`);
      }
      if (name === null) {
        // null leaves out a default attribute: it is neither requested nor read.
        delete mapping[attribute as keyof IdentityAttributes];
        continue;
      }
      if (typeof name !== 'string' || name === '') {
        fail(`"attributes"."${attribute}" must be a SAML attribute name (or null)`);
      }
      mapping[attribute as keyof IdentityAttributes] = name as string;
    }
  }
  if (subject !== undefined && (typeof subject !== 'string' || subject === '')) {
    fail('"subject" must be a SAML attribute name or "NameID"');
  }
  const skew = clockSkewSeconds ?? 60;
  if (typeof skew !== 'number' || !Number.isInteger(skew) || skew < 0 || skew > 300) {
    fail('"clockSkewSeconds" must be a whole number from 0 to 300');
  }

  return {
    kind: 'saml',
    id: ctx.id,
    label: ctx.label,
    idp: {
      entityId: idp.entityId as string,
      ssoUrl: idp.ssoUrl,
      ...(sloUrl && { sloUrl: idp.sloUrl as string }),
      certs: idpCerts,
    },
    sp: {
      signingKey: signing.key,
      signingCert: signing.cert,
      encryptionKey: encryption.key,
      encryptionCert: encryption.cert,
    },
    levels: levelMap,
    attributes: mapping,
    subject: (subject as string | undefined) ?? BUNDID_SUBJECT,
    clockSkewSeconds: skew as number,
    allowHttp: ssoUrl.protocol === 'http:',
  };
}
