import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summaryText } from './summary-error.ts';

describe('error summary entries', () => {
  const message = { de: 'Geben Sie ein Datum ein', en: 'Enter a date' };
  it('put the question before the message, as a sentence or with a colon', () => {
    assert.equal(
      summaryText({ message, question: { de: 'Seit wann halten Sie den Hund?' } }, 'de'),
      'Seit wann halten Sie den Hund? Geben Sie ein Datum ein',
    );
    assert.equal(
      summaryText({ message, question: { de: 'Geburtsdatum', en: 'Date of birth' } }, 'en'),
      'Date of birth: Enter a date',
    );
  });
  it('list a message that names its place itself as it is', () => {
    assert.equal(summaryText({ message }, 'de'), 'Geben Sie ein Datum ein');
  });
});
