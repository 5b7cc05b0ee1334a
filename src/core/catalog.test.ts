import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { definition } from '../../test/support/storage/fixtures.ts';
import { unfilledPlaceholders } from '../definition/placeholders.ts';
import { readOffer } from './catalog.ts';
import { officePlaceholders } from './catalog-copies.ts';

const COMPLETE = {
  leika: '9910 2013 0020 00',
  topic: ' Tiere ',
  land: 'Niedersachsen',
  description: 'Hund anmelden',
  licence: 'CC-BY-4.0',
  contact: 'Steueramt',
  experience: '',
};

describe('an offer to the catalog', () => {
  it('is read trimmed, the LeiKa key without spaces, an empty one as none', () => {
    const { offer, errors } = readOffer(COMPLETE);
    assert.deepEqual(errors, []);
    assert.equal(offer.leika, '99102013002000');
    assert.equal(offer.topic, 'Tiere');
    assert.equal(readOffer({ ...COMPLETE, leika: '  ' }).offer.leika, null);
  });

  it('names every problem at once, in the form’s order', () => {
    const { errors } = readOffer({
      leika: '123',
      topic: 'x'.repeat(101),
      land: 'Atlantis',
      description: '',
      licence: 'proprietary',
      contact: '',
      experience: 'y'.repeat(2001),
    });
    assert.deepEqual(errors, [
      { field: 'leika', code: 'invalid' },
      { field: 'topic', code: 'too-long' },
      { field: 'land', code: 'missing' },
      { field: 'description', code: 'missing' },
      { field: 'licence', code: 'missing' },
      { field: 'contact', code: 'missing' },
      { field: 'experience', code: 'too-long' },
    ]);
  });
});

describe('a copy’s office', () => {
  it('becomes placeholders: publishing is refused until each one is replaced', () => {
    const d = definition('hund');
    d.local.office = { name: { de: 'Steueramt Musterstadt' }, email: 'steuer@musterstadt.example' };
    const copy = { ...d, placeholders: officePlaceholders(d) };
    assert.deepEqual(
      unfilledPlaceholders(copy).map((p) => p.path),
      ['/local/office/name', '/local/office/email'],
    );
    copy.local = {
      ...copy.local,
      office: { name: { de: 'Ordnungsamt Beispielhausen' }, email: 'oa@bh.example' },
    };
    assert.deepEqual(unfilledPlaceholders(copy), []);
  });
});
