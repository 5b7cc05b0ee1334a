/**
 * Reads other installations' descriptions and feeds over HTTP (ADR 0054), careful not to become a
 * way into the operator's own network (SSRF): only `http:` and `https:`; the host's addresses are
 * looked up first and a private, loopback or link-local one is refused unless the operator allows
 * it (`AMTSWEG_FEDERATION_ALLOW_PRIVATE`, for installations on one internal network, and tests);
 * at most `maxBytes` are read and `timeoutMs` waited; a redirect is followed only to the same
 * origin, at most three times. The answer must be JSON.
 *
 * The address check and the connection are two lookups: a host that answers the first with a
 * public address and the second with a private one gets through. The time and size limits still
 * hold, and only JSON that passes the feed checks is used; ADR 0054 names this limit.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { FeedFetcher, FetchOutcome } from '../../core/federation/fetcher.ts';

export interface HttpFetcherOptions {
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

/** Whether an address is one an installation on the internet never has. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1] as string, 'ipv4');
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

const MAX_REDIRECTS = 3;

export function createHttpFetcher(options: HttpFetcherOptions): FeedFetcher {
  async function addressAllowed(url: URL): Promise<boolean> {
    if (options.allowPrivate) return true;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    try {
      const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
      return addresses.length > 0 && addresses.every((a) => !isPrivateAddress(a.address));
    } catch {
      return false;
    }
  }

  return {
    async json(target: string): Promise<FetchOutcome> {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        return { ok: false, failure: 'url' };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, failure: 'url' };
      const origin = url.origin;
      const signal = AbortSignal.timeout(options.timeoutMs);
      try {
        for (let hop = 0; ; hop++) {
          if (!(await addressAllowed(url))) return { ok: false, failure: 'address', detail: url.hostname };
          const response = await fetch(url, {
            redirect: 'manual',
            signal,
            headers: { accept: 'application/json' },
          });
          if (response.status >= 300 && response.status < 400) {
            await response.body?.cancel();
            const location = response.headers.get('location');
            const next = location ? new URL(location, url) : undefined;
            if (!next || next.origin !== origin || hop >= MAX_REDIRECTS)
              return { ok: false, failure: 'redirect', detail: next?.origin };
            url = next;
            continue;
          }
          if (!response.ok) {
            await response.body?.cancel();
            return { ok: false, failure: 'status', detail: String(response.status) };
          }
          const declared = Number(response.headers.get('content-length') ?? 0);
          if (declared > options.maxBytes) {
            await response.body?.cancel();
            return { ok: false, failure: 'too-large' };
          }
          const text = await readLimited(response, options.maxBytes);
          if (text === undefined) return { ok: false, failure: 'too-large' };
          try {
            return { ok: true, value: JSON.parse(text) };
          } catch {
            return { ok: false, failure: 'not-json' };
          }
        }
      } catch (error) {
        if (signal.aborted) return { ok: false, failure: 'timeout' };
        return { ok: false, failure: 'network', detail: (error as Error).message.slice(0, 200) };
      }
    },
  };
}

/** The body as text, or undefined once it grows past `max` bytes (the rest is not read). */
async function readLimited(response: Response, max: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
