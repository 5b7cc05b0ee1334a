// How a receiver opens a submission Amtsweg sent through the FIT-Connect-style transport
// (docs/delivery/fit-connect.md), in plain Node.js without dependencies: every part is a JWE in
// compact serialisation (RSA-OAEP-256 + A256GCM) to the destination's public key, and the metadata
// carries the SHA-512 of the data and of every attachment before encryption. Copy it into your
// specialist system's adapter; a JOSE library of your platform does the same.
import { constants, createDecipheriv, createHash, privateDecrypt } from 'node:crypto';

/**
 * Decrypts one JWE compact serialisation with the destination's private key (a `KeyObject` or PEM).
 * Returns the protected header and the plaintext; throws when anything does not fit.
 */
export function decryptJwe(compact, privateKey) {
  const parts = compact.split('.');
  if (parts.length !== 5) throw new Error('not a JWE in compact serialisation');
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts;
  const header = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString('utf8'));
  if (header.alg !== 'RSA-OAEP-256' || header.enc !== 'A256GCM') {
    throw new Error(`unexpected algorithms ${header.alg} / ${header.enc}`);
  }
  if (header.zip !== undefined) throw new Error('compressed content is not expected');
  // The content key, wrapped with RSA-OAEP and SHA-256 (RFC 7518, section 4.3).
  const contentKey = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(encryptedKey, 'base64url'),
  );
  if (contentKey.length !== 32) throw new Error('the content key is not 256 bits');
  // AES-256-GCM; the additional authenticated data is the protected header as sent (RFC 7516, 5.2).
  const decipher = createDecipheriv('aes-256-gcm', contentKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  return { header, plaintext };
}

export function sha512Hex(bytes) {
  return createHash('sha512').update(bytes).digest('hex');
}

/**
 * Opens a whole submission: the metadata, the data and every attachment (a Map of attachment id to
 * JWE, as uploaded). Checks that each attachment the metadata lists was uploaded and that every
 * hash matches. Returns the metadata, the data (parsed JSON) and the attachments' bytes by id.
 */
export function openSubmission({ encryptedMetadata, encryptedData, attachments, privateKey }) {
  const metadata = JSON.parse(decryptJwe(encryptedMetadata, privateKey).plaintext.toString('utf8'));
  const data = decryptJwe(encryptedData, privateKey).plaintext;
  const structure = metadata.contentStructure;
  if (structure?.data?.hash?.type !== 'sha512' || structure.data.hash.content !== sha512Hex(data)) {
    throw new Error('the data does not match its hash in the metadata');
  }
  const files = new Map();
  for (const entry of structure.attachments ?? []) {
    const jwe = attachments.get(entry.attachmentId);
    if (jwe === undefined) throw new Error(`attachment ${entry.attachmentId} is missing`);
    const { plaintext } = decryptJwe(jwe, privateKey);
    if (entry.hash?.type !== 'sha512' || entry.hash.content !== sha512Hex(plaintext)) {
      throw new Error(`attachment ${entry.attachmentId} does not match its hash in the metadata`);
    }
    files.set(entry.attachmentId, { ...entry, content: plaintext });
  }
  if (files.size !== attachments.size) throw new Error('an attachment was uploaded that the metadata does not list');
  return { metadata, data: JSON.parse(data.toString('utf8')), attachments: files };
}
