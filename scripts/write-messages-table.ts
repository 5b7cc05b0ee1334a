/**
 * Writes docs/reference/messages.md, the table of every message citizens read, from the
 * catalogues (`src/web/message-table.ts`). Run after changing a message: `npm run docs:messages`.
 * test/docs/messages-table.test.ts fails when the committed table drifts from the catalogues.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { messagesTable } from '../src/web/message-table.ts';

const target = fileURLToPath(new URL('../docs/reference/messages.md', import.meta.url));
writeFileSync(target, messagesTable());
console.log(`wrote ${target}`);
