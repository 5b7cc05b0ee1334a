/**
 * How an HTTP channel's failure counts for the worker (ADR 0034): the network failing, a timeout,
 * 5xx, 408 and 429 are worth another attempt (the receiver may be back later); any other answer is
 * permanent until someone fixes the receiver or the setting. Shared by the webhook and FIT-Connect.
 */

/** Whether an HTTP status is worth another attempt. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** A short reason for a failed `fetch` (no URL path, no body: nothing personal). */
export function networkFailureReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  return (error as { cause?: { code?: string } }).cause?.code ?? 'network error';
}
