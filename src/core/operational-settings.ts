/**
 * Operational configuration (ADR 0024): the settings of registered kinds (`settings/registry.ts`)
 * that a municipality changes without publishing a version. Saving checks the options with the
 * kind's JSON Schema and stores nothing when they fail; reading them for use checks them again,
 * because the schema may have become stricter since they were saved. Secret options are never
 * handed out for display, only whether they are set. Every change is audited with the names of the
 * options that changed, never their values.
 *
 * Not role-checked itself: the admin reaches it through `TenantAdministration`, the other use cases
 * only read what applies (`effective`).
 */
import type { AdminActor } from './administration.ts';
import type { OperationalSetting } from './domain.ts';
import { NotFoundError, SettingError } from './errors.ts';
import type { Clock, Store } from './ports.ts';
import { checkOptions, optionSchemas, optionsFromText, type SettingProblem } from './settings/check.ts';
import type { AnySettingKind, OptionsOf, SettingScope } from './settings/contract.ts';
import type { SettingKinds, SettingRegistry } from './settings/registry.ts';

/** A setting as the admin's pages show it: secrets only as set or not set. */
export interface SettingView {
  kind: string;
  scope: SettingScope;
  /** The options in force that are not secret: the stored ones, or the defaults. */
  options: Record<string, unknown>;
  /** Each secret option: whether it is set. */
  secretsSet: Record<string, boolean>;
  /** Whether the municipality saved it (false: the defaults apply). */
  stored: boolean;
  /** What the current rules find wrong with the stored value (it would be refused when used). */
  problems: SettingProblem[];
  updatedAt: string | undefined;
  updatedBy: string | null | undefined;
}

export type SaveSettingOutcome =
  | { ok: true; changed: string[] }
  | { ok: false; problems: SettingProblem[]; typed: Record<string, unknown> };

export interface OperationalSettingsDeps<R extends SettingKinds> {
  store: Store;
  clock: Clock;
  kinds: R;
}

export class OperationalSettings<R extends SettingKinds = SettingRegistry> {
  readonly #deps: OperationalSettingsDeps<R>;

  constructor(deps: OperationalSettingsDeps<R>) {
    this.#deps = deps;
  }

  /** The names of the kinds of this scope, in registry order. */
  kindsOf(scope: SettingScope): Array<keyof R & string> {
    return Object.keys(this.#deps.kinds).filter((name) => this.#deps.kinds[name]?.scope === scope);
  }

  /** The registered kind of this name and scope; NotFoundError for any other name (a URL's). */
  kind(name: string, scope: SettingScope): AnySettingKind {
    const kind = Object.hasOwn(this.#deps.kinds, name) ? this.#deps.kinds[name] : undefined;
    if (!kind || kind.scope !== scope) throw new NotFoundError('setting kind');
    return kind;
  }

  /**
   * The options that apply: the stored ones over the defaults (a kind may have gained an option
   * since), checked again; the defaults when nothing is stored. Throws `SettingError` when the
   * stored value no longer passes, rather than silently using something the admin did not choose.
   */
  async effective<K extends keyof R & string>(
    tenantId: string,
    serviceId: string | null,
    name: K,
  ): Promise<OptionsOf<R[K]>> {
    const kind = this.#deps.kinds[name] as AnySettingKind;
    if ((kind.scope === 'service') !== (serviceId !== null)) {
      throw new Error(
        `setting ${name} is ${kind.scope}-wide; read it with${serviceId ? 'out' : ''} a service`,
      );
    }
    const stored = await this.#deps.store.operationalSettings.get(tenantId, serviceId, name);
    if (!stored) return structuredClone(kind.defaults) as OptionsOf<R[K]>;
    const checked = checkOptions<OptionsOf<R[K]>>(kind, merged(kind, stored));
    if (!checked.ok) {
      const options = checked.problems.map((p) => `${p.option} (${p.code})`).join(', ');
      throw new SettingError('ERR_SETTING_INVALID', `the stored setting ${name} is invalid: ${options}`);
    }
    return checked.options;
  }

  /** Every kind of the scope as the admin's pages show it. */
  async views(tenantId: string, serviceId: string | null): Promise<SettingView[]> {
    const scope: SettingScope = serviceId === null ? 'tenant' : 'service';
    const stored = await this.#deps.store.operationalSettings.listByTenant(tenantId);
    return this.kindsOf(scope).map((name) => {
      const kind = this.kind(name, scope);
      const setting = stored.find((s) => s.kind === name && s.serviceId === serviceId);
      return view(name, kind, setting);
    });
  }

  /** Each service's stored settings, for an overview (service id -> views of its kinds). */
  async serviceViews(tenantId: string, serviceIds: readonly string[]): Promise<Map<string, SettingView[]>> {
    const stored = await this.#deps.store.operationalSettings.listByTenant(tenantId);
    const names = this.kindsOf('service');
    return new Map(
      serviceIds.map((serviceId) => [
        serviceId,
        names.map((name) =>
          view(
            name,
            this.kind(name, 'service'),
            stored.find((s) => s.kind === name && s.serviceId === serviceId),
          ),
        ),
      ]),
    );
  }

  /**
   * Saves the options as typed into the admin's form. A secret left empty keeps the stored one; a
   * typed one replaces it. Invalid options store nothing and come back with their problems.
   * Unchanged options of a stored setting write nothing (no audit noise).
   */
  async save(
    tenantId: string,
    serviceId: string | null,
    name: string,
    texts: Readonly<Record<string, string | undefined>>,
    actor: AdminActor,
  ): Promise<SaveSettingOutcome> {
    const kind = this.kind(name, serviceId === null ? 'tenant' : 'service');
    const { store, clock } = this.#deps;
    const stored = await store.operationalSettings.get(tenantId, serviceId, name);
    const typed = optionsFromText(kind, texts);
    const secrets: Record<string, string> = { ...stored?.secrets };
    for (const secret of kind.secrets as readonly string[]) {
      const value = texts[secret];
      if (value !== undefined && value !== '') secrets[secret] = value;
    }
    const checked = checkOptions(kind, { ...secretDefaults(kind), ...typed, ...secrets });
    if (!checked.ok) return { ok: false, problems: checked.problems, typed };

    const previous = stored ? merged(kind, stored) : kind.defaults;
    const next = checked.options;
    const changed = Object.keys(optionSchemas(kind)).filter((option) => previous[option] !== next[option]);
    if (stored && changed.length === 0) return { ok: true, changed };
    const setting: OperationalSetting = {
      tenantId,
      serviceId,
      kind: name,
      options: Object.fromEntries(Object.entries(next).filter(([option]) => !isSecret(kind, option))),
      secrets: Object.fromEntries(
        Object.entries(next).filter(([option, value]) => isSecret(kind, option) && value !== ''),
      ) as Record<string, string>,
      updatedAt: clock.now().toISOString(),
      updatedBy: actor.type === 'staff' ? actor.accountId : null,
    };
    await store.operationalSettings.put(setting, {
      tenantId,
      actorType: actor.type,
      actorId: actor.type === 'staff' ? actor.accountId : null,
      action: 'setting.changed',
      subjectType: 'operational_setting',
      subjectId: serviceId ?? tenantId,
      // Which options changed, never their values: a secret must not reach the audit log.
      details: { kind: name, changed, ...(serviceId !== null && { serviceId }) },
    });
    return { ok: true, changed };
  }
}

function isSecret(kind: AnySettingKind, option: string): boolean {
  return kind.secrets.includes(option);
}

/** A secret that is not set is `''` (see `contract.ts`). */
function secretDefaults(kind: AnySettingKind): Record<string, string> {
  return Object.fromEntries(kind.secrets.map((name) => [name, '']));
}

/** The stored options and secrets over the defaults. */
function merged(kind: AnySettingKind, stored: OperationalSetting): Record<string, unknown> {
  return { ...kind.defaults, ...stored.options, ...stored.secrets };
}

function view(name: string, kind: AnySettingKind, stored: OperationalSetting | undefined): SettingView {
  const options: Record<string, unknown> = stored
    ? { ...kind.defaults, ...stored.options }
    : { ...kind.defaults };
  for (const secret of kind.secrets as readonly string[]) delete options[secret];
  const checked = stored ? checkOptions(kind, merged(kind, stored)) : { ok: true as const };
  return {
    kind: name,
    scope: kind.scope,
    options,
    secretsSet: Object.fromEntries(kind.secrets.map((secret) => [secret, Boolean(stored?.secrets[secret])])),
    stored: stored !== undefined,
    problems: checked.ok ? [] : checked.problems,
    updatedAt: stored?.updatedAt,
    updatedBy: stored?.updatedBy,
  };
}
