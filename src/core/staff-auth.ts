/**
 * Staff login with local accounts, and staff sessions (ADR 0028).
 *
 * Failed logins are counted per typed username and per client address in the database
 * (`login-throttle.ts`), so the limits hold across app instances; an attempt that must wait is
 * answered before any password is hashed. Unknown usernames are throttled and hashed exactly like
 * known ones, so neither response times nor locks tell which names exist. Failed logins, logins,
 * logouts, locks and password changes go to the audit trail under the account, when there is one;
 * a name that is no account is not recorded (it may be a password typed into the wrong field).
 *
 * Sessions end after `STAFF_SESSION_LIFETIME_MS` whatever the activity, and after
 * `STAFF_IDLE_TIMEOUT_MS` without use. Only token hashes are stored, so a database leak does not
 * leak live sessions.
 */
import { checkPassword } from './administration.ts';
import { clientOf } from './client-address.ts';
import type {
  AuditEvent,
  LoginFailures,
  LoginThrottleKind,
  SecondFactorDue,
  StaffAccount,
  StaffSession,
} from './domain.ts';
import { InvalidInputError } from './errors.ts';
import { beginsLock, THROTTLE_POLICIES, waitNow } from './login-throttle.ts';
import type { Clock, PasswordHasher, Pseudonyms, Store, Tokens } from './ports.ts';
import {
  isTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  secondFactorRequired,
  totpStep,
  totpUri,
} from './second-factor.ts';

/** Staff sessions end after this long, whatever the activity. */
export const STAFF_SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;
/** Staff sessions also end after this long without a request. */
export const STAFF_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** A session that passed the password has this long for its second factor (ADR 0055). */
export const SECOND_FACTOR_WINDOW_MS = 10 * 60 * 1000;
/** The name authenticator apps show above the account's codes. */
const TOTP_ISSUER = 'Amtsweg';
/** A session's last use is written at most this often, not on every request. */
const TOUCH_AFTER_MS = 60 * 1000;
/** No account has a longer name; a longer one is not looked up (but still counted). */
const MAX_USERNAME_LENGTH = 200;

export interface StaffAuthDeps {
  store: Store;
  clock: Clock;
  passwords: PasswordHasher;
  tokens: Tokens;
  pseudonyms: Pseudonyms;
  /**
   * Whether the account's municipality lets its staff log in with a local password (ADR 0056:
   * it may allow single sign-on only). Everywhere when not given.
   */
  localPasswordsAllowed?: (tenantId: string) => Promise<boolean>;
}

export interface LoginAttempt {
  username: string;
  password: string;
  /** The client's address, as the web layer determined it (trusted proxies only). */
  client: string;
}

/** What the account holder is told at a successful login after failures with their name. */
export interface LoginNotice {
  /** Failed attempts since the last successful login. */
  failedAttempts: number;
  /** When the name was last locked, if it was since the last successful login. */
  lockedAt: string | null;
}

export type LoginOutcome =
  | { kind: 'signed-in'; token: string; session: StaffSession; notice?: LoginNotice }
  /** The password was right; the session waits for the second factor or its enrolment (ADR 0055). */
  | { kind: 'second-factor'; token: string; session: StaffSession; due: SecondFactorDue }
  /** Wrong name or password (or a disabled account: the same answer). */
  | { kind: 'refused'; accountId?: string; lockBegan?: LoginThrottleKind }
  /** Too many failures: no password was checked; try again after the time given. */
  | { kind: 'throttled'; retryAfterSeconds: number; locked: boolean };

/** What a code at the second step of a login led to (ADR 0055). */
export type CodeOutcome =
  | { kind: 'signed-in'; token: string; session: StaffSession; notice?: LoginNotice }
  /** Wrong, replayed or used code: counted like a wrong password. */
  | { kind: 'refused'; lockBegan?: LoginThrottleKind }
  | { kind: 'throttled'; retryAfterSeconds: number; locked: boolean }
  /** The waiting session ended meanwhile (too late, or reset): log in again. */
  | { kind: 'ended' };

/** The enrolment page's content: the secret in progress and the URI its QR code carries. */
export type Enrolment = { kind: 'enrolled' } | { kind: 'ready'; secret: string; uri: string };

export type EnrolmentOutcome =
  | {
      ok: true;
      /** Shown once, never again. */
      recoveryCodes: string[];
      /** When the enrolment was the login's second step: the complete session. */
      completed?: { token: string; session: StaffSession };
    }
  | { ok: false; problem: 'wrong-code' | 'not-in-progress' };

/** What the account page says about the second factor. */
export interface SecondFactorState {
  enrolled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

export type PasswordChangeOutcome =
  | { ok: true }
  | { ok: false; problem: 'current-wrong' | 'mismatch' | 'rule' | 'unchanged' }
  | { ok: false; problem: 'throttled'; retryAfterSeconds: number };

interface ThrottleKey {
  kind: LoginThrottleKind;
  key: string;
}

/** A notice is due after a lock, or after more failures than a person mistyping makes. */
function noticeFrom(record: LoginFailures | undefined): LoginNotice | undefined {
  if (!record) return undefined;
  if (record.lockedAt === null && record.sinceSuccess < THROTTLE_POLICIES.account.delayAfter)
    return undefined;
  return { failedAttempts: record.sinceSuccess, lockedAt: record.lockedAt };
}

export class StaffAuth {
  readonly #deps: StaffAuthDeps;
  #dummyHash: Promise<string> | undefined;

  constructor(deps: StaffAuthDeps) {
    this.#deps = deps;
  }

  async login(attempt: LoginAttempt): Promise<LoginOutcome> {
    const { store, passwords } = this.#deps;
    const now = this.#deps.clock.now();
    const username = attempt.username.trim();
    const keys = this.#keys(username, attempt.client);
    const stored = await store.loginAttempts.read(keys);
    const wait = waitNow(stored, now.getTime());
    if (wait.ms > 0) {
      return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait.ms / 1000), locked: wait.locked };
    }
    const account =
      username.length <= MAX_USERNAME_LENGTH ? await store.staff.byUsername(username) : undefined;
    // An unknown name costs the same hash, so response times do not tell which names exist.
    const verified = account
      ? await passwords.verify(account.passwordHash, attempt.password)
      : await this.#verifyDummy(attempt.password);
    // Checked after the password, so a disabled account answers exactly like a wrong password
    // (same time, same page) and nobody learns which accounts exist or were disabled.
    if (!account || !verified || account.disabledAt) {
      return this.#refuse(keys, account, now, account?.disabledAt ? 'disabled' : 'password');
    }
    // Also after the password: the same answer as a wrong one (ADR 0056).
    if (this.#deps.localPasswordsAllowed && !(await this.#deps.localPasswordsAllowed(account.tenantId))) {
      return this.#refuse(keys, account, now, 'local-passwords-off');
    }
    // With a second factor due, the failures with this name are kept until it is passed: a right
    // password alone must not reset the count of wrong codes.
    const factor = await store.secondFactors.get(account.tenantId, account.id);
    const due: SecondFactorDue | undefined = factor?.enrolledAt
      ? 'code'
      : secondFactorRequired(account.roles)
        ? 'enrol'
        : undefined;
    if (due) {
      const { token, session } = await this.#openSession(account, now, undefined, { secondFactor: due });
      return { kind: 'second-factor', token, session, due };
    }
    const notice = await this.#forgetFailures(keys, stored);
    const { token, session } = await this.#openSession(account, now, notice);
    return { kind: 'signed-in', token, session, ...(notice && { notice }) };
  }

  /**
   * A session for an account whose holder the municipality's identity provider has verified
   * (single sign-on, ADR 0056): no password, no throttling by name, no local second factor (the
   * provider is responsible for those); the same lifetime and idle timeout. Audited as
   * `staff.sso_login`.
   */
  async signInVerified(account: StaffAccount): Promise<{ token: string; session: StaffSession }> {
    return this.#openSession(account, this.#deps.clock.now(), undefined, { action: 'staff.sso_login' });
  }

  /** The session of this token while it waits for its second factor (ADR 0055). */
  async pendingSession(token: string): Promise<StaffSession | undefined> {
    const session = await this.#live(token);
    return session?.secondFactor ? session : undefined;
  }

  /**
   * The second step of a login: a code of the authenticator app (each time step once), or an
   * unused recovery code. Wrong codes count like wrong passwords, under the same name and client.
   */
  async completeWithCode(
    pending: StaffSession,
    input: { code: string; client: string },
  ): Promise<CodeOutcome> {
    const { store } = this.#deps;
    const now = this.#deps.clock.now();
    const keys = this.#keys(pending.username, input.client);
    const stored = await store.loginAttempts.read(keys);
    const wait = waitNow(stored, now.getTime());
    if (wait.ms > 0) {
      return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait.ms / 1000), locked: wait.locked };
    }
    const how = pending.secondFactor === 'code' ? await this.#useCode(pending, input.code, now) : undefined;
    if (!how) {
      const account = await store.staff.byId(pending.tenantId, pending.accountId);
      const refused = await this.#refuse(keys, account, now, 'second-factor', 'staff.second_factor_failed');
      return { kind: 'refused', ...(refused.lockBegan && { lockBegan: refused.lockBegan }) };
    }
    const notice = await this.#forgetFailures(keys, stored);
    const extra: AuditEvent[] =
      how === 'recovery-code' ? [this.#event(pending, 'staff', 'staff.second_factor_recovery_used')] : [];
    const completed = await this.#complete(pending, now, notice, how, extra);
    return completed ? { kind: 'signed-in', ...completed } : { kind: 'ended' };
  }

  /** The enrolment in progress of the session's account (begun now when there is none). */
  async enrolment(session: StaffSession): Promise<Enrolment> {
    const { store } = this.#deps;
    const factor = await store.secondFactors.get(session.tenantId, session.accountId);
    if (factor?.enrolledAt) return { kind: 'enrolled' };
    // Kept while in progress, so reloading the page shows the same QR code.
    const secret = factor?.secret ?? newTotpSecret();
    if (!factor) await store.secondFactors.begin(session.tenantId, session.accountId, secret);
    return { kind: 'ready', secret, uri: totpUri(secret, TOTP_ISSUER, session.username) };
  }

  /**
   * Confirms the enrolment with a code of the app; on success the account gets ten new recovery
   * codes, and a session waiting for its enrolment is complete.
   */
  async confirmEnrolment(session: StaffSession, code: string): Promise<EnrolmentOutcome> {
    const { store } = this.#deps;
    const now = this.#deps.clock.now();
    const factor = await store.secondFactors.get(session.tenantId, session.accountId);
    if (!factor || factor.enrolledAt) return { ok: false, problem: 'not-in-progress' };
    const step = totpStep(factor.secret, code, now);
    if (step === undefined) return { ok: false, problem: 'wrong-code' };
    const recoveryCodes = newRecoveryCodes();
    const confirmed = await store.secondFactors.confirm(
      session.tenantId,
      session.accountId,
      step,
      recoveryCodes.map(recoveryCodeHash),
      this.#event(session, 'staff', 'staff.second_factor_enrolled'),
    );
    if (!confirmed) return { ok: false, problem: 'not-in-progress' };
    if (session.secondFactor !== 'enrol') return { ok: true, recoveryCodes };
    // Failures with the name are kept here: the notice about them comes with the next login, not
    // on the page that shows the recovery codes.
    const completed = await this.#complete(session, now, undefined, 'enrolled', []);
    return completed ? { ok: true, recoveryCodes, completed } : { ok: false, problem: 'not-in-progress' };
  }

  /** For the account page. */
  async secondFactorState(session: StaffSession): Promise<SecondFactorState> {
    const { store } = this.#deps;
    const factor = await store.secondFactors.get(session.tenantId, session.accountId);
    const enrolled = Boolean(factor?.enrolledAt);
    return {
      enrolled,
      required: secondFactorRequired(session.roles),
      recoveryCodesLeft: enrolled
        ? await store.secondFactors.recoveryCodesLeft(session.tenantId, session.accountId)
        : 0,
    };
  }

  /**
   * An operator removes an account's second factor (lost phone and codes); every session of the
   * account ends, and it enrols again at its next login. Audited. False when it had none.
   */
  async resetSecondFactor(account: StaffAccount): Promise<boolean> {
    return this.#deps.store.secondFactors.reset(account.tenantId, account.id, {
      tenantId: account.tenantId,
      actorType: 'operator',
      actorId: null,
      action: 'staff.second_factor_reset',
      subjectType: 'staff_account',
      subjectId: account.id,
    });
  }

  /** Which code it was when `code` passes: a time step not used before, or an unused recovery code. */
  async #useCode(
    pending: StaffSession,
    code: string,
    now: Date,
  ): Promise<'totp' | 'recovery-code' | undefined> {
    const { store } = this.#deps;
    const { tenantId, accountId } = pending;
    if (isTotpCode(code)) {
      const factor = await store.secondFactors.get(tenantId, accountId);
      const step = factor?.enrolledAt ? totpStep(factor.secret, code, now) : undefined;
      return step !== undefined && (await store.secondFactors.useStep(tenantId, accountId, step))
        ? 'totp'
        : undefined;
    }
    const used = await store.secondFactors.useRecoveryCode(
      tenantId,
      accountId,
      recoveryCodeHash(code),
      now.toISOString(),
    );
    return used ? 'recovery-code' : undefined;
  }

  /** Forgets the failures with the name after a complete login; returns the notice they make. */
  async #forgetFailures(keys: readonly ThrottleKey[], stored: readonly LoginFailures[]) {
    const previous = stored.find((r) => r.kind === 'account')
      ? await this.#deps.store.loginAttempts.clear('account', keys[0]!.key)
      : undefined;
    return noticeFrom(previous);
  }

  /** Turns the waiting session into a complete one under a new token, audited as the login. */
  async #complete(
    pending: StaffSession,
    now: Date,
    notice: LoginNotice | undefined,
    secondFactor: 'totp' | 'recovery-code' | 'enrolled',
    extra: AuditEvent[],
  ) {
    const { store, tokens } = this.#deps;
    const token = tokens.newToken();
    const expiresAt = new Date(now.getTime() + STAFF_SESSION_LIFETIME_MS).toISOString();
    const login: AuditEvent = {
      ...this.#event(pending, 'staff', 'staff.login'),
      details: { secondFactor, ...(notice && { failedAttemptsBefore: notice.failedAttempts }) },
    };
    const done = await store.staff.completeSession(pending.id, { tokenHash: tokens.hash(token), expiresAt }, [
      ...extra,
      login,
    ]);
    if (!done) return undefined;
    const { secondFactor: _, ...rest } = pending;
    const session: StaffSession = {
      ...rest,
      id: tokens.hash(token),
      expiresAt,
      lastSeenAt: now.toISOString(),
    };
    return { token, session, ...(notice && { notice }) };
  }

  /**
   * The session of this token while it is valid: within its lifetime, used recently enough, and
   * past its second factor.
   */
  async session(token: string): Promise<StaffSession | undefined> {
    const session = await this.#live(token);
    return session && !session.secondFactor ? session : undefined;
  }

  /** The session of this token within its lifetime and idle timeout, complete or not. */
  async #live(token: string): Promise<StaffSession | undefined> {
    const { store, tokens, clock } = this.#deps;
    const now = clock.now();
    const session = await store.staff.sessionByTokenHash(tokens.hash(token), now.toISOString());
    if (!session) return undefined;
    const idle = now.getTime() - Date.parse(session.lastSeenAt);
    if (idle >= STAFF_IDLE_TIMEOUT_MS) {
      await store.staff.deleteSession(session.id);
      return undefined;
    }
    if (idle >= TOUCH_AFTER_MS) {
      await store.staff.touchSession(session.id, now.toISOString());
      session.lastSeenAt = now.toISOString();
    }
    return session;
  }

  /** Ends the session; audited. */
  async logout(session: StaffSession): Promise<void> {
    await this.#deps.store.staff.deleteSession(session.id, this.#event(session, 'staff', 'staff.logout'));
  }

  /**
   * The account holder sets a new password, with their current one. Wrong current passwords count
   * like failed logins (a session left open must not become a way to guess the password). Every
   * other session of the account ends; this one stays.
   */
  async changeOwnPassword(
    session: StaffSession,
    input: { current: string; next: string; repeat: string; client: string },
  ): Promise<PasswordChangeOutcome> {
    const { store, passwords } = this.#deps;
    const now = this.#deps.clock.now();
    const keys = this.#keys(session.username, input.client);
    const wait = waitNow(await store.loginAttempts.read(keys), now.getTime());
    if (wait.ms > 0) return { ok: false, problem: 'throttled', retryAfterSeconds: Math.ceil(wait.ms / 1000) };
    if (input.next !== input.repeat) return { ok: false, problem: 'mismatch' };
    try {
      checkPassword(input.next);
    } catch (error) {
      if (error instanceof InvalidInputError) return { ok: false, problem: 'rule' };
      throw error;
    }
    const account = await store.staff.byId(session.tenantId, session.accountId);
    if (!account || !(await passwords.verify(account.passwordHash, input.current))) {
      await this.#refuse(keys, account, now, 'password', 'staff.password_change_failed', session);
      return { ok: false, problem: 'current-wrong' };
    }
    if (input.next === input.current) return { ok: false, problem: 'unchanged' };
    await store.staff.update(
      session.tenantId,
      session.accountId,
      { passwordHash: await passwords.hash(input.next) },
      this.#event(session, 'staff', 'staff.password_changed'),
      { keepSession: session.id },
    );
    return { ok: true };
  }

  /**
   * An operator ends a lock (or the delays) of a name at once, e.g. after the account holder
   * called; audited under the account when the name is one. Returns whether there was anything.
   */
  async unlock(username: string): Promise<boolean> {
    const { store } = this.#deps;
    const name = username.trim();
    const [key] = this.#keys(name, '');
    const cleared = await store.loginAttempts.clear('account', key.key);
    const account = await store.staff.byUsername(name);
    if (cleared && account) {
      await store.audit.record(
        {
          tenantId: account.tenantId,
          actorType: 'operator',
          actorId: null,
          action: 'staff.login_unlocked',
          subjectType: 'staff_account',
          subjectId: account.id,
        },
        this.#deps.clock.now().toISOString(),
      );
    }
    return cleared !== undefined;
  }

  /** The keys a login attempt is counted under: the typed name and the client. */
  #keys(username: string, client: string): [ThrottleKey, ThrottleKey] {
    const { pseudonyms } = this.#deps;
    return [
      { kind: 'account', key: pseudonyms.of('staff login name', username.normalize('NFC').toLowerCase()) },
      { kind: 'client', key: pseudonyms.of('staff login client', clientOf(client)) },
    ];
  }

  async #refuse(
    keys: readonly ThrottleKey[],
    account: StaffAccount | undefined,
    now: Date,
    reason: 'password' | 'disabled' | 'local-passwords-off' | 'second-factor',
    action = 'staff.login_failed',
    actor?: StaffSession,
  ): Promise<LoginOutcome & { kind: 'refused' }> {
    const { store } = this.#deps;
    const at = now.toISOString();
    const subject = account && { tenantId: account.tenantId, accountId: account.id };
    const failed: AuditEvent[] = subject
      ? [{ ...this.#event(subject, actor ? 'staff' : 'system', action), details: { reason } }]
      : [];
    const counted = await store.loginAttempts.recordFailure(
      keys.map((k) => ({
        ...k,
        forgetBefore: new Date(now.getTime() - THROTTLE_POLICIES[k.kind].forgetAfterMs).toISOString(),
      })),
      at,
      failed,
    );
    let lockBegan: LoginThrottleKind | undefined;
    for (const record of counted) {
      const policy = THROTTLE_POLICIES[record.kind];
      if (!beginsLock(record.failures, policy)) continue;
      lockBegan ??= record.kind;
      // A lock of an unknown name is stored too (it must behave like a known one), but audited
      // only for an account.
      const audit =
        record.kind === 'account' && subject
          ? [
              {
                ...this.#event(subject, 'system', 'staff.login_locked'),
                details: { failures: record.failures, minutes: policy.lockMs / 60_000 },
              },
            ]
          : [];
      await store.loginAttempts.markLocked(record.kind, record.key, at, audit);
    }
    return { kind: 'refused', ...(account && { accountId: account.id }), ...(lockBegan && { lockBegan }) };
  }

  async #openSession(
    account: StaffAccount,
    now: Date,
    notice: LoginNotice | undefined,
    options: { action?: string; secondFactor?: SecondFactorDue } = {},
  ): Promise<{ token: string; session: StaffSession }> {
    const { store, tokens } = this.#deps;
    const token = tokens.newToken();
    const { action = 'staff.login', secondFactor } = options;
    const lifetime = secondFactor ? SECOND_FACTOR_WINDOW_MS : STAFF_SESSION_LIFETIME_MS;
    const expiresAt = new Date(now.getTime() + lifetime).toISOString();
    const subject = { tenantId: account.tenantId, accountId: account.id };
    await store.staff.createSession(
      {
        tokenHash: tokens.hash(token),
        accountId: account.id,
        tenantId: account.tenantId,
        expiresAt,
        ...(secondFactor && { secondFactor }),
      },
      // The login is audited once it is complete; the password step of a two-step login is not.
      secondFactor
        ? undefined
        : {
            ...this.#event(subject, 'staff', action),
            ...(notice && { details: { failedAttemptsBefore: notice.failedAttempts } }),
          },
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
        lastSeenAt: now.toISOString(),
        ...(secondFactor && { secondFactor }),
      },
    };
  }

  #event(
    subject: { tenantId: string; accountId: string },
    actorType: 'staff' | 'system',
    action: string,
  ): AuditEvent {
    return {
      tenantId: subject.tenantId,
      actorType,
      actorId: actorType === 'staff' ? subject.accountId : null,
      action,
      subjectType: 'staff_account',
      subjectId: subject.accountId,
    };
  }

  /** A real hash check against a hash of nothing, for names that are no account. */
  async #verifyDummy(password: string): Promise<false> {
    // Kept only once it exists: a hash refused for overload must not be remembered as failed.
    this.#dummyHash ??= this.#deps.passwords.hash('not-a-real-password').catch((error: unknown) => {
      this.#dummyHash = undefined;
      throw error;
    });
    await this.#deps.passwords.verify(await this.#dummyHash, password);
    return false;
  }
}
