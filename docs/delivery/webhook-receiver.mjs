// A minimal receiver of Amtsweg's webhook deliveries (docs/delivery/webhook.md), in plain Node.js
// without dependencies. Copy it into your specialist system's adapter and adapt `handle`.
//
//   WEBHOOK_SECRET='the shared secret' PORT=8080 node webhook-receiver.mjs
//
// It checks the signature over the exact bytes received (HMAC-SHA512 of `${timestamp}.${body}`, as
// FIT-Connect signs callbacks), refuses timestamps older than 5 minutes, and deduplicates by the
// Idempotency-Key: Amtsweg delivers at least once, so the same submission may arrive again.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

export const MAX_AGE_SECONDS = 5 * 60;

/**
 * Whether a request is Amtsweg's: `headers` as Node gives them (lower-case names), `body` the raw
 * bytes or text, `nowSeconds` the current time. Returns a reason when it is not.
 */
export function verifyWebhook({ secret, headers, body, nowSeconds = Math.floor(Date.now() / 1000) }) {
  const timestamp = headers['callback-timestamp'];
  const signature = headers['callback-authentication'];
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'no timestamp' };
  if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) return { ok: false, reason: 'no signature' };
  const age = nowSeconds - Number(timestamp);
  // Old requests could be recorded and replayed; a clock far ahead is refused as well.
  if (age > MAX_AGE_SECONDS || age < -MAX_AGE_SECONDS) return { ok: false, reason: 'timestamp too old' };
  const expected = createHmac('sha512', secret).update(`${timestamp}.`).update(body).digest();
  // Constant time: the comparison must not tell an attacker how much of a guess was right.
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { ok: false, reason: 'wrong signature' };
  return { ok: true };
}

/**
 * An HTTP server that accepts verified deliveries and hands each submission to `handle` once.
 * `seen` remembers the idempotency keys handled; keep it in your database in production, in the
 * same transaction as what `handle` stores.
 */
export function createReceiver({ secret, handle, seen = new Set(), now = () => Math.floor(Date.now() / 1000) }) {
  return createServer((request, response) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > 10 * 1024 * 1024) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      const verified = verifyWebhook({ secret, headers: request.headers, body, nowSeconds: now() });
      if (request.method !== 'POST' || !verified.ok) {
        // 401: Amtsweg treats it as permanent and shows it to the municipality's admin.
        response.writeHead(request.method !== 'POST' ? 405 : 401).end(verified.reason ?? '');
        return;
      }
      const key = request.headers['idempotency-key'];
      try {
        if (typeof key === 'string' && !seen.has(key)) {
          await handle(JSON.parse(body.toString('utf8')), key);
          seen.add(key);
        }
        // Also for a duplicate: it was handled, so Amtsweg may stop sending it.
        response.writeHead(204).end();
      } catch {
        // 503: Amtsweg tries again later.
        response.writeHead(503).end();
      }
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) throw new Error('set WEBHOOK_SECRET');
  const port = Number(process.env.PORT ?? 8080);
  createReceiver({
    secret,
    handle: (submission, key) => console.log(key, submission.submission.reference, submission.service.slug),
  }).listen(port, () => console.log(`listening on ${port}`));
}
