/**
 * Ed25519 signatures of feed entries and key rotations (ADR 0054), as compact JWS with `jose`.
 * A key is named by its RFC 7638 thumbprint, which is also what an admin pins when subscribing.
 */
import {
  CompactSign,
  type CryptoKey,
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
} from 'jose';
import { ALG, type PublicJwk } from './format.ts';

/** A key pair of this installation, ready to sign. */
export interface SigningKey {
  kid: string;
  publicJwk: PublicJwk;
  privateKey: CryptoKey;
}

/** A new key pair; `seed` is the private key's JWK `d` (32 bytes, base64url), to be stored wrapped. */
export async function generateSigningKey(): Promise<SigningKey & { seed: string }> {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const publicJwk = await publicJwkOf(await exportJWK(publicKey));
  return { kid: publicJwk.kid, publicJwk, privateKey, seed: jwk.d as string };
}

/** The key pair from its stored public JWK and private seed. */
export async function signingKeyOf(publicJwk: PublicJwk, seed: string): Promise<SigningKey> {
  const privateKey = (await importJWK(
    { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x, d: seed },
    ALG,
  )) as CryptoKey;
  return { kid: publicJwk.kid, publicJwk, privateKey };
}

/** The thumbprint of an Ed25519 public key (only `crv`, `kty` and `x` count, RFC 7638). */
export function thumbprint(jwk: Pick<PublicJwk, 'x'>): Promise<string> {
  return calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'sha256');
}

export async function publicJwkOf(jwk: { x?: string | undefined }): Promise<PublicJwk> {
  const x = jwk.x as string;
  return { kty: 'OKP', crv: 'Ed25519', x, kid: await thumbprint({ x }), alg: ALG, use: 'sig' };
}

export async function sign(payload: unknown, key: SigningKey, typ: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ })
    .sign(key.privateKey);
}

/** The `kid` and `typ` a JWS names, without checking anything; undefined when it is no JWS. */
export function headerOf(jws: string): { kid: string; typ: string | undefined } | undefined {
  try {
    const header = decodeProtectedHeader(jws);
    if (header.alg !== ALG || typeof header.kid !== 'string') return undefined;
    return { kid: header.kid, typ: typeof header.typ === 'string' ? header.typ : undefined };
  } catch {
    return undefined;
  }
}

/** Imported public keys, by thumbprint: importing costs more than verifying. */
const imported = new Map<string, CryptoKey>();

/** The payload, parsed, when `jws` is signed by `key` with type `typ`; undefined otherwise. */
export async function verify(jws: string, key: PublicJwk, typ: string): Promise<unknown> {
  let publicKey = imported.get(key.x);
  if (!publicKey) {
    publicKey = (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: key.x }, ALG)) as CryptoKey;
    if (imported.size > 1000) imported.clear();
    imported.set(key.x, publicKey);
  }
  try {
    const { payload, protectedHeader } = await compactVerify(jws, publicKey, { algorithms: [ALG] });
    if (protectedHeader.typ !== typ) return undefined;
    return JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return undefined;
  }
}
