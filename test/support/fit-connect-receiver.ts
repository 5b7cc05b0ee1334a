/**
 * The FIT-Connect receiving side of the tests (ADR 0042): the docs' stand-in
 * (`docs/delivery/fit-connect-stand-in.mjs`: token endpoint, destination lookup, the Submission
 * API's three sending steps, built from the vendored API description), which opens every
 * submission with the docs' receiver sample (node:crypto only, not jose, not Amtsweg's adapter) and
 * checks every hash; here it also validates the metadata against the vendored schema 2.1.0 (Ajv).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  destinationKeyPair,
  FitConnectStandIn,
  type FitConnectStandInOptions,
} from '../../docs/delivery/fit-connect-stand-in.mjs';
import { repoRoot } from './app.ts';
import { strictAjv } from './json-schema.ts';

export { destinationKeyPair };

export const METADATA_SCHEMA_FILE = join(
  repoRoot,
  'test',
  'fixtures',
  'fit-connect',
  'fitconnect-metadata.schema.v2.1.0.json',
);

const validateMetadata = strictAjv().compile(JSON.parse(readFileSync(METADATA_SCHEMA_FILE, 'utf8')));

export class FitConnectReceiver extends FitConnectStandIn {
  constructor(options: Pick<FitConnectStandInOptions, 'clientId' | 'clientSecret' | 'destinationId'>) {
    super({
      ...options,
      checkMetadata: (metadata) =>
        validateMetadata(metadata)
          ? undefined
          : `metadata schema: ${JSON.stringify(validateMetadata.errors)}`,
    });
  }
}
