/**
 * The posted fields of a form, as the handlers read them.
 *
 * Posted names are chosen by the client. Collected in an ordinary object, a name such as
 * `constructor`, `toString` or `__proto__` would read the object's prototype instead of what was
 * posted (a function where a string is expected), or change the prototype. So every form body is
 * copied into a map without a prototype, and only text survives: a string, or a list of strings
 * for a name posted more than once. Nothing else can reach a use case or the engine, whatever
 * parser produced the body.
 */
import type { FastifyRequest } from 'fastify';

/** Posted text by name; `Object.create(null)`, so no name reads anything but what was posted. */
export type FormFields = Record<string, string | string[] | undefined>;

/** An empty map without a prototype. */
export function emptyFields(): FormFields {
  return Object.create(null) as FormFields;
}

/** The text fields of `body` (any parser's result) in a fresh map without a prototype. */
export function textFields(body: unknown): FormFields {
  const fields = emptyFields();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fields;
  for (const name of Object.keys(body)) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value)) {
      const texts = value.filter((v): v is string => typeof v === 'string');
      if (texts.length > 0) fields[name] = texts;
    }
  }
  return fields;
}

/** The request's urlencoded form fields (empty for a request without a body). */
export function formFields(request: FastifyRequest): FormFields {
  return textFields(request.body);
}

/** Adds one posted value under `name`, keeping earlier values of the same name (multipart). */
export function addField(fields: FormFields, name: string, value: string): void {
  const previous = fields[name];
  if (previous === undefined) fields[name] = value;
  else fields[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
}
