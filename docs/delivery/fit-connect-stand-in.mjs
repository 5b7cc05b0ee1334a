// A local stand-in for FIT-Connect (docs/delivery/fit-connect.md), to try Amtsweg's FIT-Connect
// channel without access to FIT-Connect, in plain Node.js without dependencies. It plays the token
// service (client credentials, HTTP Basic), the destination lookup with a freshly generated
// 4096-bit encryption key, and the Submission API's three sending steps (announce, upload
// attachments, submit). On submit it opens the submission with the destination's private key
// (fit-connect-decrypt.mjs), checks every hash and prints what arrived.
//
//   PORT=8090 node docs/delivery/fit-connect-stand-in.mjs
//   (CLIENT_SECRET and DESTINATION_ID keep the credentials across restarts)
//
// It prints the values to enter in the Verwaltung. Amtsweg's test suite uses the same server
// (test/support/fit-connect-receiver.ts), adding a check of the metadata against the schema.
//
// Like a gateway that honours it, it answers an announcement with a known `Idempotency-Key` with
// the submission it already has, so a delivery retried after a lost answer does not arrive twice.
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { openSubmission } from './fit-connect-decrypt.mjs';

/** An RSA key pair as FIT-Connect destinations have them (4096 bits), with its public JWK. */
export function destinationKeyPair(bits = 4096, kid = randomUUID()) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = {
    ...publicKey.export({ format: 'jwk' }),
    kid,
    alg: 'RSA-OAEP-256',
    key_ops: ['wrapKey'],
    // A real destination publishes its certificate chain here; Amtsweg does not check it yet.
    x5c: ['(certificate chain not checked yet)'],
  };
  return { kid, privateKey, jwk };
}

const SERVICE_URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:[a-z0-9()+,.:=@;$_!*'%/?#-]+$/;

export class FitConnectStandIn {
  /** The key pair the destination decrypts with; `published` is what its lookup hands out. */
  keys = destinationKeyPair();
  published = this.keys.jwk;
  /** Every submission opened, in order of arrival. */
  received = [];
  /** Why a submit was refused (hash mismatch, invalid metadata, undecryptable). */
  refused = [];
  tokenRequests = 0;
  announcements = 0;
  /** Answer the next submit with 503 after accepting it (the answer is "lost"). */
  loseNextSubmitAnswer = false;
  port = 0;
  #pending = new Map();
  #byKey = new Map();
  #tokens = new Set();
  #server;

  /**
   * `clientId`, `clientSecret`, `destinationId`; `port` (0: any free one); `checkMetadata(metadata)`
   * returns why metadata is refused, or undefined; `onSubmission(received)` is told of each arrival.
   */
  constructor(options) {
    this.options = options;
    this.port = options.port ?? 0;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    const server = createServer((request, response) => {
      const chunks = [];
      request.on('data', (c) => chunks.push(c));
      request.on('end', () => {
        try {
          const answer = this.#handle(request, Buffer.concat(chunks).toString('utf8'));
          const type = answer.type ?? (answer.status >= 400 ? 'application/problem+json' : 'application/json');
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
    this.port = server.address().port;
    this.#server = server;
  }

  /** Down: nothing listens on the port until `start` again. */
  async stop() {
    if (!this.#server) return;
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, 'close');
    this.#server = undefined;
  }

  /** Every token issued so far stops working (as after a revocation). */
  revokeTokens() {
    this.#tokens.clear();
  }

  #handle(request, body) {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const problem = (status, detail) => ({ status, json: { status, detail } });
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
      const announce = JSON.parse(body);
      if (announce.destinationId !== this.options.destinationId) return problem(404, 'destination not found');
      if (
        !Array.isArray(announce.announcedAttachments) ||
        typeof announce.serviceType?.name !== 'string' ||
        !SERVICE_URN.test(announce.serviceType.identifier)
      ) {
        return problem(400, 'invalid announcement');
      }
      const key = request.headers['idempotency-key'];
      const existing = key ? this.#byKey.get(key) : undefined;
      const submissionId = existing ?? randomUUID();
      if (!existing) {
        this.#pending.set(submissionId, {
          idempotencyKey: key,
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
      const pending = this.#pending.get(upload[1]);
      if (!pending) return problem(404, 'submission not found');
      if (request.headers['content-type'] !== 'application/jose') return problem(415, 'application/jose expected');
      if (!pending.announced.includes(upload[2])) return problem(422, 'attachment not announced');
      if (!pending.submitted) pending.uploads.set(upload[2], body);
      return { status: 204 };
    }
    const submit = /^\/v1\/submissions\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'PUT' && submit) {
      const pending = this.#pending.get(submit[1]);
      if (!pending) return problem(404, 'submission not found');
      if (!pending.submitted) {
        if (pending.announced.some((id) => !pending.uploads.has(id))) return problem(422, 'attachments missing');
        const { encryptedMetadata, encryptedData } = JSON.parse(body);
        let opened;
        try {
          opened = openSubmission({
            encryptedMetadata,
            encryptedData,
            attachments: pending.uploads,
            privateKey: this.keys.privateKey,
          });
        } catch (error) {
          this.refused.push(error.message);
          return problem(400, 'the submission cannot be opened');
        }
        const refusal = this.options.checkMetadata?.(opened.metadata);
        if (refusal) {
          this.refused.push(refusal);
          return problem(400, 'invalid metadata');
        }
        pending.submitted = true;
        const received = {
          submissionId: submit[1],
          idempotencyKey: pending.idempotencyKey,
          serviceType: pending.serviceType,
          ...opened,
        };
        this.received.push(received);
        this.options.onSubmission?.(received);
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

// Run directly: a stand-in on PORT (default 8090) with fresh credentials, printing what to enter.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const standIn = new FitConnectStandIn({
    clientId: 'amtsweg-demo',
    // Kept from the environment, so a restarted stand-in takes the same settings.
    clientSecret: process.env.CLIENT_SECRET || randomBytes(24).toString('base64url'),
    destinationId: process.env.DESTINATION_ID || randomUUID(),
    port: Number(process.env.PORT ?? 8090),
    // Only what a log may show: the reference, the service and the files' names and sizes.
    onSubmission: ({ metadata, serviceType, attachments }) => {
      const files = [...attachments.values()].map((a) => `${a.purpose} ${a.filename} (${a.content.length} bytes)`);
      console.log(
        `received ${metadata.additionalReferenceInfo?.senderReference} for ${serviceType.identifier}: decrypted, every hash matches; ${files.join(', ')}`,
      );
    },
  });
  await standIn.start();
  const { clientId, clientSecret, destinationId } = standIn.options;
  const fields = [
    ['Adresse (URL) des Token-Dienstes', `${standIn.url}/token`],
    ['Client-ID', clientId],
    ['Client-Secret', clientSecret],
    ['Zustellpunkt-ID (Destination-ID)', destinationId],
    ['Adresse (URL) für das Abfragen des Zustellpunkts', standIn.url],
    ['Adresse (URL) der Submission-API', standIn.url],
  ];
  console.log(`FIT-Connect stand-in at ${standIn.url}. Enter in Verwaltung → Leistungen → a service →
"Zustellung über FIT-Connect (Zustellpunkt)":
${fields.map(([label, value]) => `  ${`${label}:`.padEnd(52)}${value}`).join('\n')}`);
}
