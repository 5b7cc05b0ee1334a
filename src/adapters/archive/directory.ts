/**
 * The archive as a directory (ADR 0039): each package becomes `<dir>/<municipality>/<reference>/`.
 * It is written into a hidden sibling first, each file synced, and renamed into place at the end,
 * so a package that is there is complete; a run that died before the rename leaves only a hidden
 * `.partial-*` directory, which the next offer of the same package replaces.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Archive, ArchivePackage } from '../../core/ports.ts';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function directoryArchive(root: string): Archive {
  return {
    async offer(pkg: ArchivePackage) {
      if (!SAFE.test(pkg.tenantSlug) || !SAFE.test(pkg.name)) throw new Error('unsafe archive package name');
      const parent = join(root, pkg.tenantSlug);
      const target = join(parent, pkg.name);
      const partialPrefix = `.partial-${pkg.name}-`;
      const partial = join(parent, `${partialPrefix}${randomUUID()}`);
      await mkdir(partial, { recursive: true });
      // What an earlier offer of this package left when its process died in the middle.
      for (const entry of await readdir(parent)) {
        if (entry.startsWith(partialPrefix) && join(parent, entry) !== partial) {
          await rm(join(parent, entry), { recursive: true, force: true });
        }
      }
      try {
        for (const file of pkg.files) {
          const parts = file.path.split('/');
          if (parts.some((p) => !SAFE.test(p))) throw new Error(`unsafe archive path ${file.path}`);
          const path = join(partial, ...parts);
          await mkdir(dirname(path), { recursive: true });
          const handle = await open(path, 'wx');
          try {
            await handle.writeFile(file.bytes);
            await handle.sync();
          } finally {
            await handle.close();
          }
        }
        // Offered before (a run that died before deleting): the new package replaces the old.
        await rm(target, { recursive: true, force: true });
        await rename(partial, target);
      } catch (error) {
        await rm(partial, { recursive: true, force: true });
        throw error;
      }
    },
  };
}
