import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedTransitions, canTransition, isSubmissionStatus } from './status.ts';

test('the workflow moves forward and allows reopening', () => {
  assert.ok(canTransition('received', 'in_progress'));
  assert.ok(canTransition('in_progress', 'completed'));
  assert.ok(canTransition('completed', 'in_progress'));
  assert.ok(!canTransition('received', 'completed'));
  assert.ok(!canTransition('completed', 'received'));
  assert.deepEqual(allowedTransitions('received'), ['in_progress']);
});

test('recognises only the stable status codes', () => {
  assert.ok(isSubmissionStatus('in_progress'));
  assert.ok(!isSubmissionStatus('In Bearbeitung'));
  assert.ok(!isSubmissionStatus(undefined));
});
