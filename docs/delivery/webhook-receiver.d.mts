// Types of webhook-receiver.mjs, for receivers written in TypeScript.
import type { IncomingHttpHeaders, Server } from 'node:http';

export const MAX_AGE_SECONDS: number;

export function verifyWebhook(input: {
  secret: string;
  headers: IncomingHttpHeaders;
  body: Buffer | string;
  nowSeconds?: number;
}): { ok: true; reason?: undefined } | { ok: false; reason: string };

export function createReceiver(options: {
  secret: string;
  // biome-ignore lint/suspicious/noExplicitAny: the delivery's JSON, as each receiver reads it
  handle(submission: any, idempotencyKey: string): unknown;
  seen?: Set<string>;
  now?: () => number;
}): Server;
