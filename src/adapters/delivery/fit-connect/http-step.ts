/**
 * One HTTP request of the FIT-Connect transport (ADR 0042) with the bearer token, a timeout and no
 * redirects (an encrypted submission goes only where the admin configured it), and its failure
 * mapped for the worker: the network, a timeout, 5xx, 408 and 429 are retried, any other answer is
 * permanent. A 401 is reported as `TokenRefused`, so the channel can get a new token once.
 * Messages name the step, the host and the status, never a path or a body.
 */
import { DeliveryFailed } from '../../../core/errors.ts';
import { networkFailureReason, retryableStatus } from '../http-status.ts';

export class TokenRefused extends DeliveryFailed {}

export interface RequestOptions {
  token: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface HttpStep {
  /** The request; resolves with the JSON of a 2xx answer. */
  json(step: string, method: string, url: string, options: RequestOptions): Promise<unknown>;
  /** The request; resolves on a 2xx answer, whose body is not needed. */
  send(step: string, method: string, url: string, options: RequestOptions): Promise<void>;
}

export function createHttpStep(options: { timeoutMs: number; userAgent: string }): HttpStep {
  async function request(step: string, method: string, url: string, o: RequestOptions): Promise<Response> {
    const label = `FIT-Connect ${step} (${method} ${new URL(url).host})`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: {
          authorization: `Bearer ${o.token}`,
          accept: 'application/json, application/problem+json',
          'user-agent': options.userAgent,
          ...(o.contentType && { 'content-type': o.contentType }),
          ...o.headers,
        },
        ...(o.body !== undefined && { body: o.body }),
      });
    } catch (error) {
      throw new DeliveryFailed(`${label}: ${networkFailureReason(error)}`, true, { cause: error });
    }
    if (response.status >= 200 && response.status < 300) return response;
    await response.arrayBuffer().catch(() => undefined);
    if (response.status === 401) throw new TokenRefused(`${label}: HTTP 401 (token refused)`, false);
    throw new DeliveryFailed(`${label}: HTTP ${response.status}`, retryableStatus(response.status));
  }

  return {
    async json(step, method, url, o) {
      const response = await request(step, method, url, o);
      try {
        return await response.json();
      } catch (error) {
        throw new DeliveryFailed(
          `FIT-Connect ${step} (${new URL(url).host}): the answer is not JSON`,
          false,
          {
            cause: error,
          },
        );
      }
    },
    async send(step, method, url, o) {
      const response = await request(step, method, url, o);
      await response.arrayBuffer().catch(() => undefined);
    },
  };
}
