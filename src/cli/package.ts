/**
 * `amtsweg package export SLUG SERVICE [--version N] --out FILE` and `amtsweg package import SLUG
 * FILE` (ADR 0051): the Service-Design area's export and import for operators, through the same
 * use case (`core/service-package.ts`). An import becomes an editor draft of the municipality,
 * never a version; a refused package prints the reason with each problem's place and exits 2,
 * storing nothing. Returns the exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import type { App } from '../app.ts';
import { InvalidInputError } from '../core/errors.ts';
import { type PackageRefusal, ServicePackages } from '../core/service-package.ts';
import { UsageError } from './usage-error.ts';

export type RunWithApp = <T>(task: (app: App) => Promise<T>) => Promise<T>;

const VERSION = /^[1-9]\d{0,8}$/;

function packagesOf(app: App): ServicePackages {
  return new ServicePackages({ store: app.store, clock: app.clock, newId: uuidv7, codeLists: app.codeLists });
}

async function tenantId(app: App, slug: string): Promise<string> {
  const tenant = await app.store.tenants.bySlug(slug);
  if (!tenant) throw new InvalidInputError('ERR_TENANT_UNKNOWN', `no tenant "${slug}"`);
  return tenant.id;
}

/** The refusal as lines for the terminal: the reason, then each problem at its place. */
export function refusalLines(refusal: PackageRefusal): string[] {
  switch (refusal.reason) {
    case 'missing':
      return ['the file is empty'];
    case 'too-large':
      return ['the file is larger than the package limit'];
    case 'not-utf8':
      return ['the file is not UTF-8'];
    case 'malformed-json':
      return [`the file is not JSON (${refusal.detail})`];
    case 'hash-mismatch':
      return [
        `the content hash does not match: the package states ${refusal.stated}, its content has ${refusal.computed}`,
      ];
    default: {
      const what = {
        'not-a-package': 'the file is not a service package',
        'format-version': 'the package has a format version this installation cannot read',
        schema: 'the package does not match the package format',
        'invalid-definition': 'the definition in the package does not pass the check',
      }[refusal.reason];
      return [what, ...refusal.problems.map((p) => `  ${p.path || '/'}: ${p.message}`)];
    }
  }
}

export async function packageCommand(
  args: readonly string[],
  options: { version?: string | undefined; out?: string | undefined },
  withApp: RunWithApp,
): Promise<number> {
  const [sub, tenant, ...rest] = args;
  if (sub === 'export') {
    const service = rest[0];
    if (!tenant || !service) throw new UsageError('package export needs SLUG and SERVICE');
    if (!options.out) throw new UsageError('package export needs --out FILE');
    if (options.version !== undefined && !VERSION.test(options.version))
      throw new UsageError(`--version must be a version number such as 2, got "${options.version}"`);
    const out = options.out;
    const exported = await withApp(async (app) =>
      packagesOf(app).exportFor(
        await tenantId(app, tenant),
        service,
        options.version === undefined ? undefined : Number(options.version),
      ),
    );
    writeFileSync(out, exported.text, { flag: 'wx' });
    console.log(
      `exported ${tenant}/${exported.pkg.provenance.service} version ${exported.pkg.provenance.version} to ${out} (${exported.pkg.contentHash})`,
    );
    return 0;
  }
  if (sub === 'import') {
    const file = rest[0];
    if (!tenant || !file) throw new UsageError('package import needs SLUG and FILE');
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      console.error(`amtsweg: cannot read ${file}: ${(error as Error).message}`);
      return 2;
    }
    const outcome = await withApp(async (app) =>
      packagesOf(app).importFor(await tenantId(app, tenant), { type: 'operator' }, bytes),
    );
    if (!outcome.ok) {
      const [first, ...more] = refusalLines(outcome.refusal);
      console.error(`amtsweg: ${file} was refused: ${first}`);
      for (const line of more) console.error(line);
      return 2;
    }
    console.log(
      `imported ${file} as a draft of ${tenant}/${outcome.draft.slug} (${outcome.draft.id}); fill in the office in Service-Design before publishing`,
    );
    return 0;
  }
  throw new UsageError('package needs "export" or "import"');
}
