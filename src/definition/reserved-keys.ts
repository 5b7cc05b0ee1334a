/**
 * Names a definition may not use as a field key, an item key, a computed value's key or a step id.
 *
 * Keys become property names: of the posted form, of the answers, of the data that rules read and
 * of the submitted JSON. A key that is also a property every object has (`constructor`,
 * `toString`, `__proto__`) would read a function where an answer is expected, or change an
 * object's prototype, wherever some code forgets a prototype-free map; `then` makes an answer
 * record look like a promise to `await`. They pass the key pattern, so they are refused by name,
 * when a definition is parsed, with a pointer to the place.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  // Object.prototype, including the legacy accessors.
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  // A function's prototype, and what makes an object a promise.
  'prototype',
  'then',
]);

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

/** The problem message for a reserved name (`what` says which kind of name it is). */
export function reservedKeyMessage(
  what: 'field key' | 'step id' | 'computed value key',
  key: string,
): string {
  return `${what} '${key}' is reserved (a property every JavaScript object has); choose another name`;
}
