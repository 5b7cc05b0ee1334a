import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { openFiles } from '../adapters/system/open-files.ts';
import { checkOpenFiles } from './open-files-watch.ts';

function capture() {
  const lines: string[] = [];
  const logger = pino(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return { logger, lines };
}

describe('open files watch', () => {
  it('warns from 80 % of the limit on, and not below', () => {
    const { logger, lines } = capture();
    assert.equal(
      checkOpenFiles(() => ({ open: 799, limit: 1000 }), logger),
      false,
    );
    assert.equal(
      checkOpenFiles(() => ({ open: 800, limit: 1000 }), logger),
      true,
    );
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /"event":"process\.open_files_high".*"open":800,"limit":1000/);
    assert.equal(
      checkOpenFiles(() => undefined, logger),
      false,
    );
  });

  it('counts the open files of this process on Linux', { skip: process.platform !== 'linux' }, () => {
    const usage = openFiles();
    assert.ok(usage);
    assert.ok(usage.open > 0 && usage.open < usage.limit);
  });
});
