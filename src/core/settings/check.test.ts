import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOptions, optionSchemas, optionsFromText } from './check.ts';
import type { SettingKind } from './contract.ts';
import { draftsRetention } from './drafts-retention.ts';
import { publishingFourEyes } from './publishing-four-eyes.ts';
import { settingKinds } from './registry.ts';

const webhook: SettingKind<{ url: string; token: string }> = {
  scope: 'service',
  schema: {
    type: 'object',
    properties: { url: { type: 'string', maxLength: 20 }, token: { type: 'string', maxLength: 50 } },
    required: ['url', 'token'],
    additionalProperties: false,
  },
  secrets: ['token'],
  defaults: { url: '', token: '' },
};

describe('setting kinds', () => {
  it('every registered kind: its defaults pass its own schema, and its secrets are text options', () => {
    for (const [name, kind] of Object.entries(settingKinds)) {
      assert.ok(checkOptions(kind, kind.defaults).ok, name);
      for (const secret of kind.secrets as readonly string[]) {
        assert.equal(optionSchemas(kind)[secret]?.type, 'string', `${name}.${secret}`);
      }
    }
  });
});

describe('checkOptions', () => {
  it('accepts valid options and names each wrong one with what is wrong', () => {
    assert.deepEqual(checkOptions(draftsRetention, { days: 30 }), { ok: true, options: { days: 30 } });
    const bounds = { minimum: 1, maximum: 90 };
    for (const [value, problem] of [
      [{ days: 0 }, { option: 'days', code: 'out-of-range', ...bounds }],
      [{ days: 91 }, { option: 'days', code: 'out-of-range', ...bounds }],
      [{ days: 1.5 }, { option: 'days', code: 'not-integer', ...bounds }],
      [{ days: '30' }, { option: 'days', code: 'not-integer', ...bounds }],
      [{}, { option: 'days', code: 'missing' }],
    ] as const) {
      const checked = checkOptions(draftsRetention, value);
      assert.deepEqual(!checked.ok && checked.problems, [problem], JSON.stringify(value));
    }
    const extra = checkOptions(draftsRetention, { days: 30, hours: 2 });
    assert.deepEqual(!extra.ok && extra.problems, [{ option: 'hours', code: 'unknown-option' }]);
    const notObject = checkOptions(draftsRetention, 'dreißig');
    assert.deepEqual(!notObject.ok && notObject.problems, [{ option: '', code: 'invalid' }]);
    const flag = checkOptions(publishingFourEyes, { required: 'ja' });
    assert.deepEqual(!flag.ok && flag.problems, [{ option: 'required', code: 'not-boolean' }]);
    const long = checkOptions(webhook, { url: 'x'.repeat(21), token: '' });
    assert.deepEqual(!long.ok && long.problems, [{ option: 'url', code: 'too-long', maximum: 20 }]);
  });
});

describe('optionsFromText', () => {
  it('types what a person typed: whole numbers, checkboxes; empty fields are left out', () => {
    assert.deepEqual(optionsFromText(draftsRetention, { days: ' 45 ' }), { days: 45 });
    assert.deepEqual(optionsFromText(draftsRetention, { days: '45 Tage' }), { days: '45 Tage' });
    assert.deepEqual(optionsFromText(draftsRetention, { days: '4.5' }), { days: '4.5' });
    assert.deepEqual(optionsFromText(draftsRetention, { days: '' }), {});
    assert.deepEqual(
      optionsFromText(draftsRetention, { days: '30', other: 'x' }),
      { days: 30 },
      'only its options',
    );
    assert.deepEqual(optionsFromText(publishingFourEyes, { required: 'ja' }), { required: true });
    assert.deepEqual(optionsFromText(publishingFourEyes, {}), { required: false }, 'a checkbox not sent');
  });

  it('leaves secrets to the caller', () => {
    assert.deepEqual(optionsFromText(webhook, { url: 'https://x', token: 'geheim' }), { url: 'https://x' });
  });
});
