/**
 * Storage entry point for the composition root: open the database, migrate, build the cipher and the
 * store in one call, so callers cannot wire the key loader to the wrong database.
 */
import type { Store } from '../../core/ports.ts';
import { createEnvelopeCipher, type TenantCipher } from '../crypto/envelope.ts';
import { type Database, type DatabaseConfig, openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { createStore, type StoreOptions } from './store.ts';
import { wrappedKeyLoader } from './tenants.ts';

export { type Database, type DatabaseConfig, openDatabase } from './database.ts';
export { dialectOf, migrate } from './migrate.ts';
export type { DB, Dialect } from './schema.ts';
export { createStore, type StoreOptions } from './store.ts';
export { wrappedKeyLoader } from './tenants.ts';

export interface OpenStoreConfig extends DatabaseConfig, StoreOptions {
  /** 32 bytes, see `adapters/crypto/master-key.ts`. */
  masterKey: Uint8Array;
  /** Run pending migrations before returning (default true). */
  migrate?: boolean;
}

export interface OpenedStore {
  store: Store;
  database: Database;
  cipher: TenantCipher;
}

export async function openStore(config: OpenStoreConfig): Promise<OpenedStore> {
  const database = openDatabase(config);
  try {
    if (config.migrate !== false) await migrate(database.db, database.dialect);
  } catch (error) {
    await database.destroy();
    throw error;
  }
  const cipher = createEnvelopeCipher({
    masterKey: config.masterKey,
    loadWrappedKey: wrappedKeyLoader(database.db),
  });
  const store = createStore(database.db, database.dialect, cipher, config);
  return { store, database, cipher };
}
