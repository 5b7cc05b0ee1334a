/**
 * At most so many open connections per client address (ADR 0027). Slow clients are cut off by the
 * server's timeouts; this keeps one client from holding thousands of connections meanwhile and
 * using up the process's open files, so that new visitors are still served. Addresses are
 * counted in memory only and never logged (ADR 0011).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

/** Refusals are logged at most this often, as a count. */
const REPORT_EVERY_MS = 60_000;

export function guardConnectionsPerClient(server: Server, maxPerClient: number, logger: Logger): void {
  if (maxPerClient <= 0) return;
  const open = new Map<string, number>();
  let refused = 0;
  let reportedAt = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxPerClient) {
      refused++;
      const now = Date.now();
      if (now - reportedAt >= REPORT_EVERY_MS) {
        logger.warn(
          { event: 'connection.refused', refused, maxPerClient },
          'connections refused: a client holds as many open connections as it may',
        );
        reportedAt = now;
        refused = 0;
      }
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
