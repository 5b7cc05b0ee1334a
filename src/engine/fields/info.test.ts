import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InfoField } from '../../definition/types.ts';
import { infoField } from './info.ts';

const ctx = { today: '2025-06-01' };

describe('info field', () => {
  const field: InfoField = {
    type: 'info',
    key: 'hinweis',
    text: { de: 'Erster <b>Absatz</b>.\n\nZweiter.' },
  };
  it('never answers and renders escaped paragraphs', () => {
    assert.deepEqual(infoField.parse(field, { hinweis: 'x' }), { value: undefined, rawKept: {} });
    assert.equal(infoField.validate(field, undefined, ctx), null);
    assert.equal(infoField.isEmpty(undefined), true);
    const html = infoField.view({
      field,
      value: undefined,
      raw: undefined,
      error: undefined,
      locale: 'en',
    }).value;
    assert.equal(
      html,
      '<div id="field-hinweis"><p class="kern-body">Erster &lt;b&gt;Absatz&lt;/b&gt;.</p><p class="kern-body">Zweiter.</p></div>',
    );
  });
});
