import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import type { SettingView } from '../../core/operational-settings.ts';
import type { SettingKind } from '../../core/settings/contract.ts';
import { type KindForm, kindForm, settingSection } from './admin-settings.ts';

/** A kind with a secret, as delivery channels will have; texts borrowed from registered kinds. */
const webhook: SettingKind<{ url: string; token: string }> = {
  scope: 'service',
  schema: {
    type: 'object',
    properties: { url: { type: 'string', maxLength: 200 }, token: { type: 'string', maxLength: 200 } },
    required: ['url', 'token'],
    additionalProperties: false,
  },
  secrets: ['token'],
  defaults: { url: '', token: '' },
};
const form: KindForm = {
  name: 'delivery.webhook',
  kind: webhook,
  texts: {
    title: 'setting.drafts.retention.title',
    intro: 'setting.drafts.retention.intro',
    options: { url: { label: 'admin.links.imprint' }, token: { label: 'admin.field.password' } },
    summary: () => '',
  },
};

function view(overrides: Partial<SettingView>): SettingView {
  return {
    kind: 'delivery.webhook',
    scope: 'service',
    options: { url: 'https://eingang.example' },
    secretsSet: { token: true },
    stored: true,
    problems: [],
    updatedAt: '2025-06-01T10:00:00.000Z',
    updatedBy: null,
    ...overrides,
  };
}

function render(v: SettingView, refused?: Parameters<typeof settingSection>[1]['refused']) {
  const markup = settingSection('de', {
    action: '/x',
    csrf: 'token',
    form,
    view: v,
    names: new Map(),
    headingLevel: 2,
    refused,
  });
  return new JSDOM(`<main>${markup.value}</main>`).window.document;
}

describe('the form of a setting', () => {
  it('shows a secret only as set or not set, in an empty password input', () => {
    const doc = render(view({}));
    const secret = doc.querySelector<HTMLInputElement>('#setting-delivery-webhook-token')!;
    assert.equal(secret.type, 'password');
    assert.equal(secret.value, '');
    assert.equal(
      doc.getElementById('setting-delivery-webhook-token-state')?.textContent,
      'Gespeichert: gesetzt',
    );
    assert.equal(
      doc.querySelector<HTMLInputElement>('#setting-delivery-webhook-url')?.value,
      'https://eingang.example',
    );
    const unset = render(view({ secretsSet: { token: false }, stored: false }));
    assert.equal(
      unset.getElementById('setting-delivery-webhook-token-state')?.textContent,
      'Gespeichert: nicht gesetzt',
    );
    assert.match(unset.body.textContent!, /Es gilt der Standardwert\./);
  });

  it('marks a refused option, shows what was typed again, and never a typed secret', () => {
    const doc = render(view({}), {
      typed: { url: 'x'.repeat(201) },
      problems: [{ option: 'url', code: 'too-long', maximum: 200 }],
    });
    const url = doc.querySelector<HTMLInputElement>('#setting-delivery-webhook-url')!;
    assert.equal(url.getAttribute('aria-invalid'), 'true');
    assert.equal(url.value, 'x'.repeat(201));
    assert.match(
      doc.getElementById('setting-delivery-webhook-url-error')!.textContent!,
      /höchstens 200 Zeichen/,
    );
    assert.equal(doc.querySelector<HTMLInputElement>('#setting-delivery-webhook-token')?.value, '');
  });

  it('every registered kind has its texts (the compiler checks them; this checks they render)', () => {
    for (const name of ['drafts.retention', 'publishing.fourEyes', 'limits.citizens'] as const) {
      const { kind } = kindForm(name);
      const doc = new JSDOM(
        settingSection('en', {
          action: '/x',
          csrf: 't',
          form: kindForm(name),
          view: { ...view({}), kind: name, scope: kind.scope, options: kind.defaults, secretsSet: {} },
          names: new Map(),
          headingLevel: 3,
        }).value,
      ).window.document;
      for (const label of Array.from(doc.querySelectorAll('label'))) {
        assert.doesNotMatch(label.textContent!, /^[a-z]+$/, `${name}: a label, not an option name`);
      }
    }
  });
});
