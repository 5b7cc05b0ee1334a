/**
 * A FIT-Connect receiving side for tests (ADR 0042), built from the vendored Submission API 1.1.3
 * description: a token endpoint (client credentials, HTTP Basic), the destination lookup with its
 * public encryption key, and the three sending steps (announce, upload attachments, submit). On
 * submit it opens the submission with its private key through the receiver sample of the docs
 * (`docs/delivery/fit-connect-decrypt.mjs`: node:crypto only, not jose, not Amtsweg's adapter),
 * checks every hash and validates the metadata against the vendored metadata schema 2.1.0.
 *
 * Like a gateway that honours it, it answers an announcement with a known `Idempotency-Key` with the
 * submission it already has, so a delivery retried after a lost answer does not arrive twice.
 */

import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type OpenedAttachment, openSubmission } from '../../docs/delivery/fit-connect-decrypt.mjs';
import { repoRoot } from './app.ts';
import { strictAjv } from './json-schema.ts';

export const METADATA_SCHEMA_FILE = join(
  repoRoot,
  'test',
  'fixtures',
  'fit-connect',
  'fitconnect-metadata.schema.v2.1.0.json',
);

const validateMetadata = strictAjv().compile(JSON.parse(readFileSync(METADATA_SCHEMA_FILE, 'utf8')));

/** An RSA key pair as FIT-Connect destinations have them (4096 bits), with its public JWK. */
export function destinationKeyPair(bits = 4096, kid: string = randomUUID()) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = {
    ...(publicKey.export({ format: 'jwk' }) as Record<string, unknown>),
    kid,
    alg: 'RSA-OAEP-256',
    key_ops: ['wrapKey'],
    x5c: ['(certificate chain not checked yet)'],
  };
  return { kid, privateKey, jwk };
}

export interface ReceivedSubmission {
  submissionId: string;
  idempotencyKey: string | undefined;
  serviceType: { name: string; identifier: string };
  metadata: Record<string, unknown> & {
    contentStructure: { data: { submissionSchema: { schemaUri: string } } };
    additionalReferenceInfo: { senderReference: string; applicationDate: string };
  };
  data: Record<string, unknown>;
  attachments: Map<string, OpenedAttachment>;
}

interface Pending {
  idempotencyKey: string | undefined;
  destinationId: string;
  announced: string[];
  serviceType: { name: string; identifier: string };
  uploads: Map<string, string>;
  submitted: boolean;
}

/** What the receiver answers: a status and, but for 204, a JSON body. */
interface Answer {
  status: number;
  json?: unknown;
  /** The media type when it is not the default (JSON, or problem JSON for errors). */
  type?: string;
}

export interface FitConnectReceiverOptions {
  clientId: string;
  clientSecret: string;
  destinationId: string;
}

export class FitConnectReceiver {
  readonly options: FitConnectReceiverOptions;
  /** The key pair the destination decrypts with; `published` is what its lookup hands out. */
  keys = destinationKeyPair();
  published: Record<string, unknown> = this.keys.jwk;
  readonly received: ReceivedSubmission[] = [];
  /** Why a submit was refused (hash mismatch, invalid metadata, undecryptable). */
  readonly refused: string[] = [];
  tokenRequests = 0;
  announcements = 0;
  /** Answer the next submit with 503 after accepting it (the answer is "lost"). */
  loseNextSubmitAnswer = false;
  readonly #pending = new Map<string, Pending>();
  readonly #byKey = new Map<string, string>();
  readonly #tokens = new Set<string>();
  #server: Server | undefined;
  port = 0;

  constructor(options: FitConnectReceiverOptions) {
    this.options = options;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        try {
          const answer = this.#handle(request, Buffer.concat(chunks).toString('utf8'));
          const type =
            answer.type ?? (answer.status >= 400 ? 'application/problem+json' : 'application/json');
          response
            .writeHead(answer.status, answer.json === undefined ? {} : { 'content-type': type })
            .end(answer.json === undefined ? undefined : JSON.stringify(answer.json));
        } catch (error) {
          response.writeHead(500).end(String(error));
        }
      });
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Down: nothing listens on the port until `start` again. */
  async stop(): Promise<void> {
    if (!this.#server) return;
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, 'close');
    this.#server = undefined;
  }

  /** Every token issued so far stops working (as after a revocation). */
  revokeTokens(): void {
    this.#tokens.clear();
  }

  #handle(request: IncomingMessage, body: string): Answer {
    const url = new URL(request.url ?? '/', 'http://receiver');
    const problem = (status: number, detail: string): Answer => ({ status, json: { status, detail } });
    if (request.method === 'POST' && url.pathname === '/token') {
      this.tokenRequests++;
      // HTTP Basic with id and secret form-urlencoded first (RFC 6749, section 2.3.1).
      const basic = Buffer.from(request.headers.authorization?.replace(/^Basic /, '') ?? '', 'base64')
        .toString('utf8')
        .split(':')
        .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
      const form = new URLSearchParams(body);
      if (
        basic[0] !== this.options.clientId ||
        basic[1] !== this.options.clientSecret ||
        form.get('grant_type') !== 'client_credentials'
      ) {
        // The token service answers in OAuth's error format (RFC 6749, section 5.2).
        return { status: 401, json: { error: 'invalid_client' }, type: 'application/json' };
      }
      const token = randomUUID();
      this.#tokens.add(token);
      return { status: 200, json: { access_token: token, token_type: 'Bearer', expires_in: 1800 } };
    }
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!this.#tokens.has(bearer)) return problem(401, 'no valid token');

    const destination = `/v1/destinations/${this.options.destinationId}`;
    if (request.method === 'GET' && url.pathname === destination) {
      return {
        status: 200,
        json: {
          destinationId: this.options.destinationId,
          encryptionKid: this.published.kid,
          metadataVersions: ['2.1.0'],
          services: [{ identifier: 'urn:de:fim:leika:leistung:99102013002000', regions: ['DE09'] }],
          status: 'active',
        },
      };
    }
    if (request.method === 'GET' && url.pathname === `${destination}/keys/${String(this.published.kid)}`) {
      return { status: 200, json: this.published };
    }
    if (request.method === 'POST' && url.pathname === '/v1/submissions') {
      this.announcements++;
      const announce = JSON.parse(body) as Pick<Pending, 'destinationId' | 'serviceType'> & {
        announcedAttachments: string[];
      };
      if (announce.destinationId !== this.options.destinationId) return problem(404, 'destination not found');
      if (
        !Array.isArray(announce.announcedAttachments) ||
        typeof announce.serviceType?.name !== 'string' ||
        !/^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,.:=@;$_!*'%/?#-]+$/.test(announce.serviceType.identifier)
      ) {
        return problem(400, 'invalid announcement');
      }
      const key = request.headers['idempotency-key'] as string | undefined;
      const existing = key ? this.#byKey.get(key) : undefined;
      const submissionId = existing ?? randomUUID();
      if (!existing) {
        this.#pending.set(submissionId, {
          idempotencyKey: key,
          destinationId: announce.destinationId,
          announced: announce.announcedAttachments,
          serviceType: announce.serviceType,
          uploads: new Map(),
          submitted: false,
        });
        if (key) this.#byKey.set(key, submissionId);
      }
      return {
        status: 201,
        json: { submissionId, destinationId: this.options.destinationId, caseId: randomUUID() },
      };
    }
    const upload = /^\/v1\/submissions\/([^/]+)\/attachments\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'PUT' && upload) {
      const pending = this.#pending.get(upload[1]!);
      if (!pending) return problem(404, 'submission not found');
      if (request.headers['content-type'] !== 'application/jose')
        return problem(415, 'application/jose expected');
      if (!pending.announced.includes(upload[2]!)) return problem(422, 'attachment not announced');
      if (!pending.submitted) pending.uploads.set(upload[2]!, body);
      return { status: 204 };
    }
    const submit = /^\/v1\/submissions\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'PUT' && submit) {
      const pending = this.#pending.get(submit[1]!);
      if (!pending) return problem(404, 'submission not found');
      if (!pending.submitted) {
        if (pending.announced.some((id) => !pending.uploads.has(id)))
          return problem(422, 'attachments missing');
        const { encryptedMetadata, encryptedData } = JSON.parse(body) as Record<string, string>;
        let opened: ReturnType<typeof openSubmission>;
        try {
          opened = openSubmission({
            encryptedMetadata: encryptedMetadata!,
            encryptedData: encryptedData!,
            attachments: pending.uploads,
            privateKey: this.keys.privateKey as KeyObject,
          });
        } catch (error) {
          this.refused.push((error as Error).message);
          return problem(400, 'the submission cannot be opened');
        }
        if (!validateMetadata(opened.metadata)) {
          this.refused.push(JSON.stringify(validateMetadata.errors));
          return problem(400, 'invalid metadata');
        }
        pending.submitted = true;
        this.received.push({
          submissionId: submit[1]!,
          idempotencyKey: pending.idempotencyKey,
          serviceType: pending.serviceType,
          ...opened,
        });
      }
      if (this.loseNextSubmitAnswer) {
        this.loseNextSubmitAnswer = false;
        return problem(503, 'answer lost');
      }
      return { status: 202, json: { submissionId: submit[1], destinationId: this.options.destinationId } };
    }
    return problem(404, 'not found');
  }
}
