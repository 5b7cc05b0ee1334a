import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addField, emptyFields, textFields } from './form-body.ts';

test('names of the prototype read only what was posted', () => {
  const fields = textFields({});
  for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
    assert.equal(fields[name], undefined, name);
  }
  assert.equal(Object.getPrototypeOf(fields), null);
});

test('__proto__ posted as a name is a field, not a prototype', () => {
  const fields = emptyFields();
  addField(fields, '__proto__', 'x');
  addField(fields, 'constructor', 'y');
  addField(fields, 'constructor', 'z');
  assert.equal(Object.getPrototypeOf(fields), null);
  assert.equal(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value, 'x');
  assert.deepEqual(fields.constructor, ['y', 'z']);
  assert.equal(({} as Record<string, unknown>).x, undefined, 'Object.prototype is untouched');
});

test('only text survives: numbers, objects and nested values are dropped', () => {
  const fields = textFields({ a: 'x', b: 5, c: { d: 'e' }, f: ['g', 6, null], h: [1], i: null, j: true });
  assert.deepEqual({ ...fields }, { a: 'x', f: ['g'] });
  assert.deepEqual({ ...textFields(undefined) }, {});
  assert.deepEqual({ ...textFields('text') }, {});
  assert.deepEqual({ ...textFields(['a']) }, {});
});
