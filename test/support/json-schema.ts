/**
 * Ajv for tests of the published data schemas: JSON Schema 2020-12 with formats, in strict mode,
 * and with warnings turned into failures, so a schema that a strict consumer would complain about
 * fails the test instead of logging.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext types.
const addFormats = ((addFormatsPlugin as unknown as { default?: unknown }).default ??
  addFormatsPlugin) as unknown as (ajv: Ajv2020) => Ajv2020;

export function strictAjv(): Ajv2020 {
  const fail = (...args: unknown[]) => {
    throw new Error(`Ajv: ${args.map(String).join(' ')}`);
  };
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    logger: { log: () => {}, warn: fail, error: fail },
  });
  addFormats(ajv);
  return ajv;
}
