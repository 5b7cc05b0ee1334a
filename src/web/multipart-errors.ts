/**
 * Whether an error from reading a multipart body is the client's: a body that does not follow
 * its own header (a boundary that never comes, a part that ends early), more parts than a form
 * has, or a name that is a prototype property. Such a body is answered 400, never 500; anything
 * else is a fault of ours and stays one.
 */

/** Codes of @fastify/multipart for limits and malformed bodies. */
const CLIENT_CODES =
  /^FST_(PARTS|FILES|FIELDS)_LIMIT$|^FST_INVALID_MULTIPART|^FST_PROTO_VIOLATION$|^FST_MP_PREMATURE_CLOSE$/;

/** Busboy's own errors carry no code, only these messages. */
const BUSBOY_MESSAGES = [
  'Multipart: Boundary not found',
  'Unexpected end of multipart data',
  'Part terminated early due to unexpected end of multipart data',
  'Boundary required',
  'Malformed part header',
];

export function isBrokenMultipart(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return CLIENT_CODES.test(code);
  return typeof message === 'string' && BUSBOY_MESSAGES.some((m) => message.startsWith(m));
}
