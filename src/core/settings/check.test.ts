import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOptions, optionSchemas, optionsFromText } from './check.ts';
import type { SettingKind } from './contract.ts';
import { deliveryEmail } from './delivery-email.ts';
import { deliveryWebhook } from './delivery-webhook.ts';
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

describe('delivery channels', () => {
  const problems = (kind: typeof deliveryEmail | typeof deliveryWebhook, value: unknown) => {
    const checked = checkOptions(kind, value);
    return checked.ok ? [] : checked.problems;
  };

  it('an e-mail channel that is on needs one valid address; one that is off may keep none', () => {
    assert.deepEqual(problems(deliveryEmail, { enabled: false, to: '', withData: false }), []);
    assert.deepEqual(
      problems(deliveryEmail, { enabled: true, to: 'amt@musterstadt.de', withData: true }),
      [],
    );
    assert.deepEqual(problems(deliveryEmail, { enabled: true, to: '', withData: false }), [
      { option: 'to', code: 'missing' },
    ]);
    for (const to of ['amt', 'a@b', 'a@b.de, c@d.de', 'a b@c.de']) {
      assert.deepEqual(problems(deliveryEmail, { enabled: false, to, withData: false }), [
        { option: 'to', code: 'invalid' },
      ]);
    }
  });

  it('a webhook that is on needs an http(s) URL and a secret of at least 32 characters', () => {
    const secret = 's'.repeat(32);
    assert.deepEqual(problems(deliveryWebhook, { enabled: true, url: 'https://fv.example/in', secret }), []);
    assert.deepEqual(problems(deliveryWebhook, { enabled: false, url: '', secret: '' }), []);
    assert.deepEqual(problems(deliveryWebhook, { enabled: true, url: '', secret: '' }), [
      { option: 'url', code: 'missing' },
      { option: 'secret', code: 'missing' },
    ]);
    assert.deepEqual(problems(deliveryWebhook, { enabled: true, url: 'ftp://x/y', secret: 'kurz' }), [
      { option: 'secret', code: 'too-short', minimum: 32 },
      { option: 'url', code: 'invalid' },
    ]);
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

  it('an empty text is an empty value, not a missing one', () => {
    assert.deepEqual(optionsFromText(deliveryEmail, { to: ' ' }), {
      enabled: false,
      to: '',
      withData: false,
    });
  });
});
