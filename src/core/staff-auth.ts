import type { StaffSession } from './domain.ts';
import type { Clock, PasswordHasher, Store, Tokens } from './ports.ts';

/** Staff sessions end after this long, whatever the activity. */
export const STAFF_SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

export interface StaffAuthDeps {
  store: Store;
  clock: Clock;
  passwords: PasswordHasher;
  tokens: Tokens;
}

/**
 * Staff login with local accounts. Only token hashes are stored, so a database leak does not leak
 * live sessions.
 */
export class StaffAuth {
  readonly #deps: StaffAuthDeps;
  #dummyHash: Promise<string> | undefined;

  constructor(deps: StaffAuthDeps) {
    this.#deps = deps;
  }

  /** Returns the session token, or undefined when the credentials are wrong. */
  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; session: StaffSession } | undefined> {
    const { store, passwords, tokens, clock } = this.#deps;
    const account = username.length <= 200 ? await store.staff.byUsername(username.trim()) : undefined;
    if (!account) {
      // Spend the same time as a real check so response times do not reveal which usernames exist.
      this.#dummyHash ??= passwords.hash('not-a-real-password');
      await passwords.verify(await this.#dummyHash, password);
      return undefined;
    }
    if (!(await passwords.verify(account.passwordHash, password))) return undefined;
    // Checked after the password, so a disabled account answers exactly like a wrong password
    // (same time, same page) and nobody learns which accounts exist or were disabled.
    if (account.disabledAt) return undefined;
    const token = tokens.newToken();
    const expiresAt = new Date(clock.now().getTime() + STAFF_SESSION_LIFETIME_MS).toISOString();
    await store.staff.createSession({
      tokenHash: tokens.hash(token),
      accountId: account.id,
      tenantId: account.tenantId,
      expiresAt,
    });
    await store.audit.record(
      {
        tenantId: account.tenantId,
        actorType: 'staff',
        actorId: account.id,
        action: 'staff.login',
        subjectType: 'staff_account',
        subjectId: account.id,
      },
      clock.now().toISOString(),
    );
    return {
      token,
      session: {
        id: tokens.hash(token),
        tenantId: account.tenantId,
        accountId: account.id,
        username: account.username,
        displayName: account.displayName,
        roles: account.roles,
        expiresAt,
      },
    };
  }

  async session(token: string): Promise<StaffSession | undefined> {
    const { store, tokens, clock } = this.#deps;
    return store.staff.sessionByTokenHash(tokens.hash(token), clock.now().toISOString());
  }

  async logout(token: string): Promise<void> {
    await this.#deps.store.staff.deleteSession(this.#deps.tokens.hash(token));
  }
}
