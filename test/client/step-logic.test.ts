/**
 * The browser enhancement's logic (src/web/client/step-logic.ts) in Node: it has no DOM, so what
 * the page decides (visibility, a field's error, the fee) is checked here against the engine.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ServiceDefinition } from '../../src/definition/types.ts';
import { stepLogic } from '../../src/web/client/step-logic.ts';
import { repoRoot } from '../support/app.ts';

const hund = JSON.parse(
  readFileSync(join(repoRoot, 'definitions', 'musterstadt', 'hund-anmelden.json'), 'utf8'),
) as ServiceDefinition;
const ctx = { today: '2025-06-01' };
const nothingRendered = () => false;

describe('browser step logic', () => {
  test('a follow-up question depends on this step only, so the browser shows and hides it', () => {
    const logic = stepLogic(hund, 'hund')!;
    assert.ok(logic.isManaged('sachkundenachweis'));
    assert.ok(logic.visibleKeys({ listenhund: 'yes' }, nothingRendered).has('sachkundenachweis'));
    assert.ok(!logic.visibleKeys({ listenhund: 'no' }, nothingRendered).has('sachkundenachweis'));
    assert.ok(!logic.visibleKeys({}, nothingRendered).has('listenhundHinweis'));
  });

  test('a field whose condition reads another step keeps what the server rendered', () => {
    const definition: ServiceDefinition = structuredClone(hund);
    const zahlung = definition.steps.find((s) => s.id === 'zahlung')!;
    zahlung.fields[1]!.showIf = { '==': [{ var: 'ermaessigung' }, false] };
    const logic = stepLogic(definition, 'zahlung')!;
    const key = zahlung.fields[1]!.key;
    assert.equal(logic.isManaged(key), false);
    assert.ok(logic.visibleKeys({}, (k) => k === key).has(key));
    assert.ok(!logic.visibleKeys({}, nothingRendered).has(key));
  });

  test("a field's error is the engine's message", () => {
    const logic = stepLogic(hund, 'halter')!;
    const error = logic.errorOf('vorname', {}, ctx);
    assert.equal(error?.inputId, 'field-vorname');
    assert.equal(error?.message.de, 'Geben Sie eine Antwort ein');
    assert.equal(logic.errorOf('vorname', { vorname: 'Erika' }, ctx), undefined);
    assert.match(logic.errorOf('plz', { plz: '123' }, ctx)?.message.de ?? '', /5 Ziffern/);
  });

  test('the fee is shown on the step whose answers decide it, and only there', () => {
    const definition: ServiceDefinition = {
      ...structuredClone(hund),
      computed: [{ key: 'gefaehrlich', rule: { '==': [{ var: 'listenhund' }, true] } }],
      local: {
        ...hund.local,
        fee: { rule: { if: [{ var: 'gefaehrlich' }, 60000, 9600] }, label: { de: 'Hundesteuer pro Jahr' } },
      },
    };
    const logic = stepLogic(definition, 'hund')!;
    assert.deepEqual(logic.feeLabel, { de: 'Hundesteuer pro Jahr' });
    assert.equal(logic.fee({ listenhund: 'yes' }, nothingRendered), 60000);
    assert.equal(logic.fee({ listenhund: 'no' }, nothingRendered), 9600);
    assert.equal(logic.fee({}, nothingRendered), undefined, 'not before the answer is given');
    assert.equal(stepLogic(definition, 'halter')!.feeLabel, undefined);

    const acrossSteps: ServiceDefinition = {
      ...definition,
      local: {
        ...definition.local,
        fee: { rule: { if: [{ var: 'ermaessigungsgrund' }, 0, 9600] }, label: { de: 'Gebühr' } },
      },
    };
    assert.equal(stepLogic(acrossSteps, 'hund')!.feeLabel, undefined, 'needs answers of another step');
  });
});

describe('browser step logic on a page with a repeating group', () => {
  const parkausweis = JSON.parse(
    readFileSync(join(repoRoot, 'definitions', 'musterstadt', 'bewohnerparkausweis.json'), 'utf8'),
  ) as ServiceDefinition;

  test("an item field's error is the server's message at the item's input", () => {
    const logic = stepLogic(parkausweis, 'fahrzeuge')!;
    const checked = logic.itemErrorOf('fahrzeuge-2-kennzeichen', { 'fahrzeuge-2-kennzeichen': 'xyz' }, ctx);
    assert.equal(checked?.field.key, 'fahrzeuge-2-kennzeichen');
    assert.equal(checked?.error?.inputId, 'field-fahrzeuge-2-kennzeichen');
    assert.match(
      checked?.error?.message.de ?? '',
      /^Fahrzeug 2, Kennzeichen: Geben Sie das Kennzeichen wie auf dem Schild an/,
    );
    const ok = logic.itemErrorOf('fahrzeuge-2-kennzeichen', { 'fahrzeuge-2-kennzeichen': 'MU-AB 123' }, ctx);
    assert.equal(ok?.error, undefined);
    // Not an item input, or beyond the group's limits: nothing to check in the browser.
    for (const name of [
      'fahrzeuge-items',
      'fahrzeuge-9-kennzeichen',
      'andere-1-kennzeichen',
      'fahrzeuge-1-gibtsNicht',
    ]) {
      assert.equal(logic.itemErrorOf(name, {}, ctx), undefined, name);
    }
  });

  test('the group itself has no error of its own while the page shows its items', () => {
    const logic = stepLogic(parkausweis, 'fahrzeuge')!;
    assert.equal(
      logic.errorOf('fahrzeuge', { 'fahrzeuge-items': '1', 'fahrzeuge-1-kennzeichen': '' }, ctx),
      undefined,
    );
  });
});
