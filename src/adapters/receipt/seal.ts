/**
 * Sealing a PDF with a tenant's PKCS#12 (ADR 0032): `@signpdf` adds a signature placeholder to the
 * PDF pdfkit wrote (classic cross-reference table) and fills it with a detached CMS signature
 * (SubFilter `adbe.pkcs7.detached`, SHA-256, the certificate chain included) over the whole file
 * but the signature itself. Also generates the demo's self-signed certificate (`node-forge`).
 */
import { randomBytes } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import type { SealCertificate } from '../../core/domain.ts';
import { ReceiptError } from '../../core/errors.ts';
import type { SealCertificateInfo } from '../../core/ports.ts';

const signer = new SignPdf();

export interface SealDetails {
  /** The signature dictionary's /Name, /Location and /Reason. */
  name: string;
  location: string;
  reason: string;
  signingTime: Date;
}

export async function sealPdf(
  pdf: Buffer,
  certificate: SealCertificate,
  details: SealDetails,
): Promise<Buffer> {
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: details.reason,
    contactInfo: '',
    name: details.name,
    location: details.location,
    signingTime: details.signingTime,
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    // Room for the CMS: the signature and every certificate of the chain in the PKCS#12, with margin.
    signatureLength: Math.max(8192, certificate.pkcs12.byteLength + 4096),
    appName: 'Amtsweg',
  });
  const p12 = new P12Signer(Buffer.from(certificate.pkcs12), { passphrase: certificate.passphrase });
  return signer.sign(withPlaceholder, p12, details.signingTime);
}

/** The private key and the certificate that belongs to it, as `@signpdf/signer-p12` will find them. */
function openPkcs12(pkcs12: Uint8Array, passphrase: string): forge.pki.Certificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(pkcs12).toString('binary'))),
      false,
      passphrase,
    );
  } catch (error) {
    throw new ReceiptError(
      'ERR_SEAL_CERTIFICATE',
      `the PKCS#12 file cannot be opened with this passphrase (${(error as Error).message})`,
    );
  }
  const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag as string;
  const certBag = forge.pki.oids.certBag as string;
  const keys = p12.getBags({ bagType: keyBag })[keyBag];
  const key = keys?.[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key)
    throw new ReceiptError('ERR_SEAL_CERTIFICATE', 'the PKCS#12 file holds no encrypted RSA private key');
  const certs: forge.pkcs12.Bag[] = p12.getBags({ bagType: certBag })[certBag] ?? [];
  const matching = certs
    .map((bag) => bag.cert)
    .find((cert): cert is forge.pki.Certificate => {
      const pub = cert?.publicKey as forge.pki.rsa.PublicKey | undefined;
      return pub?.n !== undefined && pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0;
    });
  if (!matching) {
    throw new ReceiptError(
      'ERR_SEAL_CERTIFICATE',
      'the PKCS#12 file holds no certificate of its private key',
    );
  }
  return matching;
}

function distinguishedName(attributes: forge.pki.CertificateField[]): string {
  return attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', ');
}

export function describeCertificate(pkcs12: Uint8Array, passphrase: string): SealCertificateInfo {
  const cert = openPkcs12(pkcs12, passphrase);
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  const fingerprint = forge.md.sha256.create().update(der).digest().toHex().toUpperCase();
  return {
    subject: distinguishedName(cert.subject.attributes),
    issuer: distinguishedName(cert.issuer.attributes),
    fingerprint: fingerprint.match(/../g)?.join(':') ?? fingerprint,
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
  };
}

/**
 * A self-signed seal certificate for the demo: RSA 2048, SHA-256, valid ten years, usable for
 * signatures only, in a PKCS#12 (3DES, as `@signpdf/signer-p12` reads it) under a random passphrase.
 */
export function generateDemoCertificate(
  subject: string,
  now: Date,
): { pkcs12: Uint8Array; passphrase: string } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  // Positive, 16 random bytes (RFC 5280 allows up to 20 octets).
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 60 * 60 * 1000);
  const name = [
    { shortName: 'CN', value: subject },
    { shortName: 'O', value: 'Amtsweg Demo' },
    { shortName: 'C', value: 'DE' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const passphrase = randomBytes(24).toString('base64url');
  const der = forge.asn1
    .toDer(forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], passphrase, { algorithm: '3des' }))
    .getBytes();
  return { pkcs12: Buffer.from(der, 'binary'), passphrase };
}
