import assert from 'node:assert/strict';
import { test } from 'node:test';
import { berlinDate } from './berlin-date.ts';

test('uses the Berlin calendar date, not UTC', () => {
  // 23:30 UTC on 28 Feb is already 1 March in Berlin (CET, UTC+1).
  assert.equal(berlinDate(new Date('2027-02-28T23:30:00Z')), '2027-03-01');
  // Summer time (CEST, UTC+2): 22:30 UTC on 30 June is 1 July in Berlin.
  assert.equal(berlinDate(new Date('2027-06-30T22:30:00Z')), '2027-07-01');
  assert.equal(berlinDate(new Date('2027-06-30T21:59:00Z')), '2027-06-30');
});
