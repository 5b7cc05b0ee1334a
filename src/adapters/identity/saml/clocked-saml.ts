/**
 * node-saml with our clock (ADR 0050): node-saml reads `new Date()` for its time checks, but every
 * one of them (the assertion's and subject confirmation's NotBefore/NotOnOrAfter, a LogoutRequest's
 * NotOnOrAfter) goes through `checkTimestampsValidityError(nowMs, …)`, which this subclass answers
 * with the application's `Clock`. So a test's controllable clock, and an installation's, is the
 * one the checks use. What node-saml only writes (the IssueInstant of our requests) stays on the
 * system clock: the library has no seam for it, and the provider judges those times, not we.
 */
import { SAML, type SamlConfig } from '@node-saml/node-saml';
import type { Clock } from '../../../core/ports.ts';

export class ClockedSaml extends SAML {
  readonly #clock: Clock;

  constructor(options: SamlConfig, clock: Clock) {
    super(options);
    this.#clock = clock;
  }

  protected override checkTimestampsValidityError(
    _systemNowMs: number,
    notBefore: string,
    notOnOrAfter: string,
    maxTimeLimitMs?: number,
  ): Error | null {
    return super.checkTimestampsValidityError(
      this.#clock.now().getTime(),
      notBefore,
      notOnOrAfter,
      maxTimeLimitMs,
    );
  }
}
