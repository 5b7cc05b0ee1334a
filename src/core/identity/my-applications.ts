/**
 * "Meine Anträge" (ADR 0049): a logged-in citizen's drafts belong to the identity, not only to the
 * browser. The owner is a keyed hash of the municipality, the provider and the provider's subject
 * (`OwnerHashes`), so the same person at another municipality, or with another provider, is
 * another owner, and the database never holds the subject in clear beside the drafts.
 *
 * A draft gets its owner when a logged-in citizen starts it, and when a citizen logs in with
 * drafts begun in that browser. Continuing a draft on another device moves it to that browser
 * session; the other browser no longer reaches it.
 */
import type { OwnedApplications } from '../domain.ts';
import type { Store } from '../ports.ts';
import type { CitizenLogin } from './records.ts';

/** Keyed hashes of identities (an HMAC under a key derived from the master key). */
export interface OwnerHashes {
  of(tenantId: string, provider: string, subject: string): string;
}

export interface MyApplicationsDeps {
  store: Store;
  owners: OwnerHashes;
}

export type ContinueOutcome =
  | { kind: 'moved'; serviceSlug: string }
  /** Not the login's draft, not open, or not there: the same answer for each. */
  | { kind: 'not-found' }
  /** This browser has an open anonymous draft of the same service: it is not dropped. */
  | { kind: 'occupied' };

export class MyApplications {
  readonly #deps: MyApplicationsDeps;

  constructor(deps: MyApplicationsDeps) {
    this.#deps = deps;
  }

  /** The owner hash of a login. */
  ownerOf(login: CitizenLogin): string {
    return this.#deps.owners.of(login.tenantId, login.provider, login.subject);
  }

  /** Gives the login's browser session's drafts that belong to nobody to the login's identity. */
  async claimSessionDrafts(login: CitizenLogin): Promise<void> {
    await this.#deps.store.citizenApplications.claim(login.tenantId, login.sessionHash, this.ownerOf(login));
  }

  /**
   * At logout: the identity's open drafts leave the login's browser session (found again under
   * "Meine Anträge" after the next login, on any device).
   */
  async releaseSessionDrafts(login: CitizenLogin): Promise<void> {
    await this.#deps.store.citizenApplications.release(
      login.tenantId,
      login.sessionHash,
      this.ownerOf(login),
    );
  }

  /** The identity's open drafts and sent applications at the login's municipality. */
  list(login: CitizenLogin): Promise<OwnedApplications> {
    return this.#deps.store.citizenApplications.ofOwner(login.tenantId, this.ownerOf(login));
  }

  /** Brings one of the identity's open drafts to the login's browser session, to continue it there. */
  continueDraft(login: CitizenLogin, draftId: string): Promise<ContinueOutcome> {
    return this.#deps.store.citizenApplications.moveToSession(
      login.tenantId,
      draftId,
      this.ownerOf(login),
      login.sessionHash,
    );
  }
}
