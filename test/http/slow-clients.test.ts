/**
 * Slow clients (ADR 0027): a body that trickles in is cut off after the request timeout while
 * other clients are served as usual, and one client cannot hold more connections than its bound.
 * Short timeouts through the configuration keep the test fast.
 */
import assert from 'node:assert/strict';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';

const REQUEST_TIMEOUT_MS = 1_500;
const MAX_CONNECTIONS = 6;

const opened = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });

const closedWithin = (socket: Socket, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (socket.destroyed) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

const dialect = DIALECTS[0];
if (dialect) {
  describe('slow clients', () => {
    let t: TestApp;
    let port: number;
    before(async () => {
      t = await startTestApp(dialect, {
        env: {
          AMTSWEG_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
          AMTSWEG_HEADERS_TIMEOUT_MS: '1000',
          AMTSWEG_MAX_CONNECTIONS_PER_CLIENT: String(MAX_CONNECTIONS),
        },
      });
      await t.app.server.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.server.address() as AddressInfo).port;
    });
    after(() => t.close());

    test('a body sent one byte a second is cut off after the request timeout; others are served meanwhile', async () => {
      const slow = await opened(port);
      let answer = '';
      slow.on('data', (d) => {
        answer += d.toString();
      });
      slow.on('error', () => {});
      slow.write(
        'POST /musterstadt/hund-anmelden/start HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n',
      );
      const started = Date.now();
      const trickle = setInterval(() => {
        if (!slow.destroyed) slow.write('a');
      }, 1000);
      try {
        // Meanwhile other visitors are served, while the slow sender is still connected.
        for (let i = 0; i < 3; i++) {
          const response = await fetch(`http://127.0.0.1:${port}/musterstadt`);
          assert.equal(response.status, 200);
          await response.text();
        }
        assert.equal(slow.destroyed, false, 'others were served while the slow sender was still sending');
        assert.equal(
          await closedWithin(slow, REQUEST_TIMEOUT_MS + 3_000),
          true,
          'the slow sender was cut off',
        );
        const took = Date.now() - started;
        assert.ok(
          took >= REQUEST_TIMEOUT_MS - 100 && took < REQUEST_TIMEOUT_MS + 3_000,
          `closed after ${took} ms`,
        );
        assert.match(answer, /^HTTP\/1\.1 408/);
      } finally {
        clearInterval(trickle);
        slow.destroy();
      }
    });

    test('one client holds at most its bound of connections; others still get in', async () => {
      const sockets: Socket[] = [];
      try {
        for (let i = 0; i < MAX_CONNECTIONS; i++) sockets.push(await opened(port));
        const extra = await opened(port);
        sockets.push(extra);
        assert.equal(await closedWithin(extra, 1_000), true, 'the connection over the bound was closed');
        // The connections within the bound stay usable.
        const first = sockets[0] as Socket;
        const reply = new Promise<string>((resolve) => first.once('data', (d) => resolve(d.toString())));
        first.write('GET /gesund HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
        assert.match(await reply, /^HTTP\/1\.1 (200|404)/);
      } finally {
        for (const s of sockets) s.destroy();
      }
      // Once they are closed, the client may connect again.
      await new Promise((r) => setTimeout(r, 100));
      const again = await fetch(`http://127.0.0.1:${port}/musterstadt`);
      assert.equal(again.status, 200);
    });
  });
}
