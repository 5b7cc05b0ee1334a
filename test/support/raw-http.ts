/**
 * HTTP over a plain socket, for tests of what a server does while a body is still arriving (light
 * my request hands over whole bodies): sends the head and then the body in pieces, and stops
 * sending as soon as an answer comes.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** The status of the answer, or undefined when none came. */
  status: number | undefined;
  /** The whole answer as text (head and as much of the body as arrived). */
  text: string;
  /** Bytes of the body sent before the answer came (or all of them). */
  sent: number;
  /** Whether the server closed the connection. */
  closed: boolean;
}

export interface RawRequest {
  port: number;
  head: string;
  /** Sent first, at once. */
  start: Buffer;
  /** Then this many bytes of filler, in chunks, while no answer has come. */
  filler: number;
  /** Gives up after this long. */
  timeoutMs: number;
}

/** The head of a request; `Content-Length` is `length`. */
export function requestHead(
  method: string,
  path: string,
  headers: Record<string, string>,
  length: number,
): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${length}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export function rawRequest(request: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket: Socket = connect(request.port, '127.0.0.1');
    let text = '';
    let sent = 0;
    let answered = false;
    let closed = false;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : undefined, text, sent, closed });
    };
    const timer = setTimeout(finish, request.timeoutMs);
    socket.on('data', (data) => {
      text += data.toString('latin1');
      answered = true;
    });
    socket.on('end', () => {
      closed = true;
      finish();
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    // A write into a connection the server has closed: stop sending, keep reading its answer.
    socket.on('error', () => {
      closed = true;
    });
    socket.on('connect', async () => {
      socket.write(request.head);
      socket.write(request.start);
      sent = request.start.length;
      while (!answered && !closed && sent < request.start.length + request.filler) {
        const size = Math.min(chunk.length, request.start.length + request.filler - sent);
        const flushed = socket.write(chunk.subarray(0, size));
        sent += size;
        if (!flushed) await new Promise((r) => socket.once('drain', r).once('close', r));
        // Let the server answer between chunks, as a real network would.
        await new Promise((r) => setImmediate(r));
      }
    });
  });
}
