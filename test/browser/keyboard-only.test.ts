/**
 * Every demo service completed with the keyboard alone (Tab, Space, Enter, the arrow keys and
 * typing), without JavaScript and with it: from the municipality's list of services to the
 * confirmation. At every focus stop the focus indicator must be at least 2 px thick with a
 * contrast of at least 3:1 against what is behind it (support/focus.ts), and axe finds no WCAG 2.1
 * A/AA violation in any page state visited.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { focusStop, indicatorProblem } from '../support/focus.ts';
import { type KeyboardCitizen, keyboardCitizen, type PagePlan } from '../support/keyboard.ts';
import { pdf } from '../support/upload-files.ts';

let env: BrowserApp;

interface Journey {
  tenant: string;
  /** The service's link text in the municipality's list. */
  service: string;
  /**
   * Press "Weiter" on the first step before answering, then find the way back by keyboard: focus
   * on the error summary, Tab to the first problem, Enter lands on its field (`field-<key>`).
   */
  firstMissing?: string;
  pages: PagePlan[];
}

const date = (field: string | RegExp, day: string, month: string, year: string) => [
  { field, part: 'Tag', type: day },
  { field, part: 'Monat', type: month },
  { field, part: 'Jahr', type: year },
];

const JOURNEYS: Journey[] = [
  {
    tenant: 'musterstadt',
    service: 'Hund anmelden (Hundesteuer)',
    firstMissing: 'field-vorname',
    pages: [
      {
        heading: 'Angaben zur Halterin oder zum Halter',
        answers: [
          { field: 'Vorname', type: 'Erika' },
          { field: 'Nachname', type: 'Musterfrau' },
          ...date('Geburtsdatum', '27', '3', '1985'),
          { field: 'Straße', type: 'Hauptstraße' },
          { field: 'Hausnummer', type: '12a' },
          { field: 'Postleitzahl', type: '38300' },
          { field: 'Ort', type: 'Musterstadt' },
          { field: 'E-Mail-Adresse', type: 'erika@example.org' },
        ],
      },
      {
        heading: 'Angaben zum Hund',
        answers: [
          { field: 'Name des Hundes', type: 'Bello' },
          { field: 'Rasse', choose: 'Dackel' },
          { field: 'Geschlecht des Hundes', choose: 'Hündin' },
          ...date(/^Seit wann halten Sie den Hund/, '1', '4', '2024'),
          { field: /Listenhund/, choose: 'Nein' },
          { field: /Ermäßigung oder Befreiung/, choose: 'Ja' },
        ],
      },
      {
        heading: 'Ermäßigung oder Befreiung',
        answers: [{ field: 'Aus welchem Grund?', choose: 'Geprüfter Rettungshund' }],
      },
      {
        heading: 'Bezahlung',
        answers: [
          { field: 'Kontoinhaberin oder Kontoinhaber', type: 'Erika Musterfrau' },
          { field: 'IBAN', type: 'DE02 1203 0000 0000 2020 51' },
          { field: 'SEPA-Lastschriftmandat', tick: /^Ich ermächtige/ },
        ],
      },
    ],
  },
  {
    tenant: 'musterstadt',
    service: 'Sperrmüll zur Abholung anmelden',
    pages: [
      {
        heading: 'Abholadresse',
        answers: [
          { field: 'Abholadresse', part: 'Straße', type: 'Lindenweg' },
          { field: 'Abholadresse', part: 'Hausnummer', type: '4' },
          { field: 'Abholadresse', part: 'Postleitzahl', type: '38300' },
          { field: 'Abholadresse', part: 'Ort', type: 'Musterstadt' },
          { field: 'Name an der Klingel', type: 'Musterfrau' },
        ],
      },
      {
        heading: 'Was soll abgeholt werden?',
        answers: [
          { field: 'Art der Gegenstände', tick: /^Möbel/ },
          { field: 'Art der Gegenstände', tick: /^Elektrogroßgeräte/ },
          { field: 'Beschreiben Sie die Gegenstände', type: 'Ein Sofa und ein Kühlschrank' },
          { field: 'Geschätzte Menge in Kubikmetern', type: '2,5' },
        ],
      },
      {
        heading: /Elektro/,
        answers: [
          { field: 'Anzahl der Kühl- und Gefriergeräte', type: '1' },
          { field: 'Anzahl weiterer Großgeräte', type: '0' },
        ],
      },
      {
        heading: /Abholung/,
        answers: [
          {
            field: 'Wo stellen Sie den Sperrmüll bereit?',
            choose: 'In der Einfahrt oder im Hof, frei zugänglich',
          },
          { field: 'Telefonnummer', type: '0511 123456' },
        ],
      },
    ],
  },
  {
    tenant: 'musterstadt',
    service: 'Bewohnerparkausweis beantragen',
    pages: [
      {
        heading: /Antragsteller|Angaben zu Ihnen|Ihre Angaben/,
        answers: [
          { field: 'Vorname', type: 'Erika' },
          { field: 'Nachname', type: 'Musterfrau' },
          ...date('Geburtsdatum', '27', '3', '1985'),
          { field: 'E-Mail-Adresse', type: 'erika@example.org' },
        ],
      },
      {
        heading: /Wohnung|Adresse/,
        answers: [
          { field: 'Straße', type: 'Am Markt' },
          { field: 'Hausnummer', type: '3' },
          { field: 'Postleitzahl', type: '38300' },
          { field: 'Ort', type: 'Musterstadt' },
          { field: 'Bewohnerparkzone', choose: 'Zone B – Bahnhofsviertel' },
          { field: 'Ist diese Adresse Ihr Hauptwohnsitz?', choose: 'Ja' },
        ],
      },
      {
        heading: /Fahrzeug/,
        answers: [
          { field: 'Kennzeichen', type: 'MU-AB 123' },
          { field: 'Auf wen ist das Fahrzeug zugelassen?', choose: 'Auf mich' },
        ],
      },
      {
        heading: /Ausweis|Laufzeit/,
        answers: [{ field: 'Für wie lange möchten Sie den Ausweis?', choose: '24 Monate (61,40 €)' }],
      },
      {
        heading: /Nachweis/,
        answers: [
          {
            field: /^Fahrzeugschein/,
            upload: { name: 'Fahrzeugschein.pdf', mimeType: 'application/pdf', buffer: pdf() },
          },
          { press: 'Datei hochladen' },
        ],
      },
    ],
  },
  {
    tenant: 'beispielhausen',
    service: 'Öffentliche Veranstaltung anzeigen',
    pages: [
      {
        heading: /Veranstalter/,
        answers: [
          { field: 'Wer veranstaltet?', choose: 'Ein Verein oder eine Initiative' },
          { field: 'Name des Vereins oder Unternehmens', type: 'Heimatverein Beispielhausen e. V.' },
          { field: 'Ist die Anschrift des Veranstalters im Ausland?', choose: 'Nein' },
          { field: 'Anschrift des Veranstalters', part: 'Straße', type: 'Dorfstraße' },
          { field: 'Anschrift des Veranstalters', part: 'Hausnummer', type: '7' },
          { field: 'Anschrift des Veranstalters', part: 'Postleitzahl', type: '38300' },
          { field: 'Anschrift des Veranstalters', part: 'Ort', type: 'Beispielhausen' },
          { field: 'Verantwortliche Person', type: 'Jonas Beispiel' },
          { field: 'E-Mail-Adresse', type: 'verein@example.org' },
          { field: 'Telefonnummer', type: '05123 4567' },
        ],
      },
      {
        heading: /Veranstaltung/,
        answers: [
          { field: 'Name der Veranstaltung', type: 'Sommerfest' },
          { field: 'Art der Veranstaltung', choose: 'Konzert' },
          { field: 'Beschreiben Sie kurz den Ablauf', type: 'Musik im Park' },
          ...date('Datum', '12', '6', '2027'),
          { field: 'Beginn (Uhrzeit)', type: '14:00' },
          { field: 'Ende (Uhrzeit)', type: '22:00' },
          { field: 'Ort', type: 'Stadtpark' },
          { field: /^Wie viele Besucherinnen und Besucher/, type: '1500' },
          { field: /^Findet die Veranstaltung auf einer Straße/, choose: 'Ja' },
        ],
      },
      {
        heading: /Sicherheit/,
        answers: [
          { field: 'Ist ein Sanitätsdienst beauftragt?', choose: 'Ja' },
          { field: 'Anzahl der Ordnerinnen und Ordner', type: '20' },
          { field: 'Beschreiben Sie Ihr Sicherheitskonzept', type: 'Ordner an allen Eingängen' },
        ],
      },
      {
        heading: /Maßnahmen/,
        answers: [{ field: 'Was ist geplant?', tick: 'Musik über Lautsprecher' }],
      },
    ],
  },
];

/** "Weiter" with nothing answered, then back to the first field with the missing answer. */
async function recoverFromErrors(
  page: Page,
  citizen: KeyboardCitizen,
  firstField: string,
  check: (label: string) => Promise<void>,
): Promise<void> {
  await citizen.tabTo((s) => s.tag === 'button' && s.label === 'Weiter', '"Weiter"');
  await citizen.enter();
  assert.match(await page.title(), /^Fehler: /);
  assert.ok(
    await page.evaluate('document.activeElement.matches(".aw-error-summary")'),
    'the summary has focus',
  );
  await check('first step, nothing answered');
  const link = await citizen.tabTo((s) => s.tag === 'a', 'the first problem');
  assert.ok(
    await page.evaluate('!!document.activeElement.closest(".aw-error-summary")'),
    `"${link.label}" is in the summary`,
  );
  // A link within the page: Enter moves focus to the field without loading anything.
  await page.keyboard.press('Enter');
  assert.equal((await focusStop(page))?.id, firstField, 'Enter on the problem lands on its field');
  // One step back, so that answering the page starts at that field.
  await page.keyboard.press('Shift+Tab');
}

async function complete(page: Page, citizen: KeyboardCitizen, journey: Journey, js: string): Promise<void> {
  const check = (label: string) => checkA11y(page, `${journey.service} (${js}): ${label}`);
  await page.goto(`/${journey.tenant}`);
  await check('list of services');
  await citizen.tabTo((s) => s.tag === 'a' && s.label === journey.service, journey.service);
  await citizen.enter();
  await check('start page');
  await citizen.tabTo((s) => s.tag === 'button' && s.label === 'Jetzt starten', '"Jetzt starten"');
  await citizen.enter();
  if (journey.firstMissing) await recoverFromErrors(page, citizen, journey.firstMissing, check);
  for (const plan of journey.pages) await citizen.answer(plan, check);

  assert.equal(((await page.locator('h1').textContent()) ?? '').trim(), 'Prüfen Sie Ihre Angaben');
  await check('check page');
  await citizen.tabTo(
    (s) => s.type === 'checkbox' && s.label === 'Ich bestätige diese Erklärung.',
    'the declaration',
  );
  await page.keyboard.press('Space');
  await citizen.tabTo(
    (s) => s.tag === 'button' && s.label === 'Antrag verbindlich absenden',
    'the submit button',
  );
  await citizen.enter();
  await page.getByRole('heading', { name: 'Antrag eingegangen' }).waitFor();
  await check('confirmation');
}

describe('keyboard only: every demo service, focus always visible (axe on every state)', {
  timeout: 240_000,
}, () => {
  env = useBrowserApp();

  test('the focus check fails on a missing, thin or faint indicator', async () => {
    // Guards the guard: a measurement that passes everything would make the journeys worthless.
    const page = await env.newPage(false);
    await page.setContent(`<style>
      body { background: #fff; } button { margin: 8px; }
      #none:focus { outline: none; } #thin:focus { outline: 1px solid #000; }
      #faint:focus { outline: 3px solid #ddd; } #shadow:focus { outline: none; box-shadow: 0 0 0 3px #1d2034; }
      #good:focus { outline: 4px solid rgb(69, 75, 107); outline-offset: 2px; }
    </style><button id="none">a</button><button id="thin">b</button><button id="faint">c</button><button id="shadow">d</button><button id="good">e</button>`);
    const verdicts: Record<string, string | undefined> = {};
    for (const id of ['none', 'thin', 'faint', 'shadow', 'good']) {
      await page.keyboard.press('Tab');
      const stop = await focusStop(page);
      assert.equal(stop?.id, id);
      verdicts[id] = indicatorProblem(stop!);
    }
    assert.match(verdicts.none ?? '', /no focus indicator/);
    assert.match(verdicts.thin ?? '', /1px/);
    assert.match(verdicts.faint ?? '', /contrast 1\.\d+:1/);
    assert.equal(verdicts.shadow, undefined, 'a box-shadow ring counts');
    assert.equal(verdicts.good, undefined);
  });

  for (const javaScript of [false, true]) {
    const js = javaScript ? 'with JavaScript' : 'without JavaScript';
    test(`every demo service from the list to the confirmation, ${js}`, async () => {
      // The services side by side, each in its own browser context (as separate citizens would).
      const citizens = await Promise.all(
        JOURNEYS.map(async (journey) => {
          const page = await env.newPage(javaScript);
          const citizen = keyboardCitizen(page, javaScript);
          await complete(page, citizen, journey, js);
          await page.context().close();
          return citizen;
        }),
      );
      const stops = citizens.reduce((n, c) => n + c.stops, 0);
      assert.ok(stops > 200, `many focus stops were measured (${stops})`);
      const problems = [...new Set(citizens.flatMap((c) => c.problems))];
      assert.deepEqual(problems, [], 'every focus indicator is at least 2 px and 3:1');
    });
  }
});
