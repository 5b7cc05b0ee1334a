/**
 * Server child for the bare references, without any Amtsweg code:
 *  - `html <file> <path>`: (0) a Fastify route answering the captured step HTML as a precomputed string;
 *  - `submit <dataDir> <path>`: (1) Fastify + formbody + Ajv validating hund-anmelden's fields
 *    (hand-written schema) + one better-sqlite3 INSERT per request (WAL, synchronous=FULL), then
 *    the same 303 redirect as Amtsweg's submit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyFormbody from '@fastify/formbody';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { exitWithParent, HOST, type ToChild, toParent } from './common.ts';
import { baselineSchema } from './hund-anmelden.ts';
import { startProfile, stopProfile } from './profiler.ts';

exitWithParent();

const [mode = '', arg = '', path = ''] = process.argv.slice(2);
if ((mode !== 'html' && mode !== 'submit') || !arg || !path)
  throw new Error('usage: html <file> <path> | submit <dataDir> <path>');

async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  let count = () => 0;
  let close = () => {};
  const info: Record<string, unknown> = { mode };

  if (mode === 'html') {
    const html = readFileSync(arg, 'utf8');
    info.bytes = Buffer.byteLength(html);
    app.get(path, async (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
  } else {
    await app.register(fastifyFormbody);
    const ajv = new Ajv({ allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(baselineSchema);
    const sqlite = new SQLite(join(arg, 'baseline.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    info.synchronous = sqlite.pragma('synchronous', { simple: true });
    info.journalMode = sqlite.pragma('journal_mode', { simple: true });
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY, service TEXT NOT NULL, answers TEXT NOT NULL, submitted_at TEXT NOT NULL)',
    );
    const insert = sqlite.prepare(
      'INSERT INTO submissions (service, answers, submitted_at) VALUES (?, ?, ?)',
    );
    const countRows = sqlite.prepare('SELECT count(*) AS n FROM submissions');
    count = () => (countRows.get() as { n: number }).n;
    close = () => sqlite.close();
    app.post(path, async (request, reply) => {
      if (!validate(request.body)) return reply.code(400).send({ errors: validate.errors });
      insert.run('hund-anmelden', JSON.stringify(request.body), new Date().toISOString());
      return reply.redirect('/musterstadt/hund-anmelden/eingegangen', 303);
    });
  }

  process.on('message', async (raw) => {
    const message = raw as ToChild;
    try {
      if (message.type === 'count') toParent({ type: 'count', rows: count() });
      else if (message.type === 'profile-start') {
        await startProfile();
        toParent({ type: 'profile-started' });
      } else if (message.type === 'profile-stop') {
        await stopProfile(message.file);
        toParent({ type: 'profile-stopped', file: message.file });
      } else if (message.type === 'shutdown') {
        await app.close();
        close();
        process.exit(0);
      }
    } catch (error) {
      toParent({ type: 'error', message: String(error) });
    }
  });

  await app.listen({ host: HOST, port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  toParent({ type: 'ready', port: address.port, info });
}

main().catch((error: unknown) => {
  console.error(error);
  toParent({ type: 'error', message: String(error instanceof Error ? error.stack : error) });
  process.exit(1);
});
