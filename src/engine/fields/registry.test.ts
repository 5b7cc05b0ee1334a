import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIELD_TYPES } from '../../definition/field-types/table.ts';
import { fieldTypes } from './registry.ts';

describe('registry', () => {
  it('has a handler for every field type, registered under its own type', () => {
    for (const [type, handler] of Object.entries(fieldTypes)) assert.equal(handler.type, type);
    // The same types, in the same order, as the definition layer's table of field type facts.
    assert.deepEqual(Object.keys(fieldTypes), [...FIELD_TYPES]);
    assert.equal(Object.keys(fieldTypes).length, 25);
  });
});
