/**
 * Where focus is and what a keyboard user sees, in Chromium with and without JavaScript (issue 9,
 * accessibility): the skip link is visible when focused; after a failed submit focus is on the
 * error summary and the title says "Fehler:"; on the upload step the order on screen is the tab
 * order and "Datei entfernen" stays on one line; the check page's "Erklärung" is a heading and its
 * error looks like every other error. axe on every page state.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { publishService } from '../../src/core/publishing.ts';
import { checkA11y } from '../support/browser.ts';
import { type BrowserApp, useBrowserApp } from '../support/browser-app.ts';
import { focusStop, indicatorProblem } from '../support/focus.ts';
import { pdf, UPLOAD_SERVICE } from '../support/upload-files.ts';

let env: BrowserApp;

/** Starts a service's form; returns on its first step. */
async function start(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('button', { name: /Jetzt starten|Start now/ }).click();
  await page.locator('form[data-aw-step]').waitFor();
}

/** Answers the demo "Sperrmüll anmelden" (no large electrical appliances); ends on the check page. */
async function fillSperrmuell(page: Page): Promise<void> {
  await page.getByLabel('Straße').fill('Hauptstraße');
  await page.getByLabel('Hausnummer').fill('1');
  await page.getByLabel('Postleitzahl').fill('38300');
  await page.getByLabel('Ort', { exact: true }).fill('Musterstadt');
  await page.getByLabel('Name an der Klingel').fill('Musterfrau');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel(/^Möbel/).check();
  await page.getByLabel('Beschreiben Sie die Gegenstände').fill('Ein Sofa');
  await page.getByLabel('Geschätzte Menge in Kubikmetern').fill('2');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByLabel('Am Straßenrand vor dem Haus').check();
  await page.getByLabel('Telefonnummer').fill('0511 123456');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).waitFor();
}

/** The focused element is the error summary, and the next Tab goes to its first link. */
async function assertSummaryFocused(page: Page, label: string): Promise<void> {
  await page
    .waitForFunction('document.activeElement && document.activeElement.matches(".aw-error-summary")', null, {
      timeout: 5_000,
    })
    .catch(() => {});
  const focused = await page.evaluate('document.activeElement ? document.activeElement.className : null');
  assert.match(
    String(focused),
    /aw-error-summary/,
    `${label}: the error summary has focus (found "${focused}")`,
  );
  await page.keyboard.press('Tab');
  const first = await page.evaluate(
    `document.activeElement === document.querySelector('.aw-error-summary a')`,
  );
  assert.ok(first, `${label}: the first Tab goes to the summary's first problem`);
}

describe('focus and what keyboard users see (Chromium, axe on every state)', { timeout: 120_000 }, () => {
  env = useBrowserApp();
  before(async () => {
    const { store, clock } = env.testApp.app;
    const tenant = await store.tenants.bySlug('musterstadt');
    const outcome = await publishService({ store, clock }, tenant!.id, UPLOAD_SERVICE);
    assert.ok(outcome.ok);
  });

  for (const javaScript of [false, true]) {
    const js = javaScript ? 'with JavaScript' : 'without JavaScript';

    test(`the skip link is visible when the first Tab focuses it (${js})`, async () => {
      const page = await env.newPage(javaScript);
      const pages = ['/', '/musterstadt', '/musterstadt/hund-anmelden', '/staff/login'];
      for (const path of pages) {
        await page.goto(path);
        await page.keyboard.press('Tab');
        const stop = await focusStop(page);
        assert.equal(stop?.label, 'Zum Inhalt springen', `${path}: the first Tab reaches the skip link`);
        const seen = (await page.evaluate(`(() => {
          const link = document.activeElement;
          const r = link.getBoundingClientRect();
          const cs = getComputedStyle(link);
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return {
            inside: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
            size: r.width > 20 && r.height > 10,
            visible: cs.visibility === 'visible' && Number(cs.opacity) > 0 && cs.clipPath === 'none' && cs.clip === 'auto',
            onTop: hit === link || link.contains(hit),
          };
        })()`)) as Record<string, boolean>;
        assert.deepEqual(
          seen,
          { inside: true, size: true, visible: true, onTop: true },
          `${path}: skip link seen`,
        );
        assert.equal(indicatorProblem(stop!), undefined, `${path}: skip link focus indicator`);
        await checkA11y(page, `${path} with the skip link focused`);
        await page.keyboard.press('Enter');
        assert.equal(
          await page.evaluate('document.activeElement.id'),
          'inhalt',
          `${path}: it leads to the content`,
        );
      }
    });

    test(`after a failed submit focus is on the error summary (${js})`, async () => {
      const page = await env.newPage(javaScript);
      // A step page.
      await start(page, '/musterstadt/sperrmuell-anmelden');
      await page.getByRole('button', { name: 'Weiter' }).click();
      await page.locator('.aw-error-summary').waitFor();
      assert.match(await page.title(), /^Fehler: /);
      await assertSummaryFocused(page, 'step page');
      await checkA11y(page, 'step page, error, summary focused');

      // The check page, sent without confirming the declaration.
      await fillSperrmuell(page);
      await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
      await page.locator('.aw-error-summary').waitFor();
      assert.match(await page.title(), /^Fehler: /);
      await assertSummaryFocused(page, 'check page');
      await checkA11y(page, 'check page, error, summary focused');

      // English.
      await page.goto('/sprache/en?zurueck=/musterstadt/sperrmuell-anmelden/pruefen');
      await page.getByRole('button', { name: 'Send application' }).click();
      await page.locator('.aw-error-summary').waitFor();
      assert.match(await page.title(), /^Error: /);
      await assertSummaryFocused(page, 'check page (English)');
    });
  }

  test('with JavaScript the enhancement focuses the summary where the browser skipped autofocus', async () => {
    const page = await env.newPage(true);
    await start(page, '/musterstadt/sperrmuell-anmelden');
    // A browser that ignores autofocus: the same page without the attribute.
    await page.route('**/schritt/**', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      const body = (await response.text()).replace(/ autofocus(?=[ >])/g, '');
      await route.fulfill({ response, body });
    });
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.locator('.aw-error-summary').waitFor();
    assert.equal(await page.locator('[autofocus]').count(), 0, 'the page came without autofocus');
    await assertSummaryFocused(page, 'enhanced step page');
  });

  test('upload step: the order on screen is the tab order; "Datei entfernen" on one line', async () => {
    const page = await env.newPage(false);
    await start(page, '/musterstadt/nachweis-einreichen');
    await page.getByLabel('Nachweis', { exact: true }).setInputFiles({
      name: 'Meldebescheinigung-vom-Einwohnermeldeamt.pdf',
      mimeType: 'application/pdf',
      buffer: pdf(),
    });
    await page.getByRole('button', { name: 'Datei hochladen' }).click();
    await page.getByRole('button', { name: /Datei entfernen/ }).waitFor();
    await checkA11y(page, 'upload step with a file');

    for (const width of [1280, 768, 320]) {
      await page.setViewportSize({ width, height: 900 });
      // Every stop in the form, in tab order, with where it is drawn.
      await page.locator('#field-name').focus();
      const stops = [];
      for (let i = 0; i < 10; i++) {
        const stop = await focusStop(page);
        assert.ok(stop);
        stops.push(stop);
        if (stop.label === 'Weiter') break;
        await page.keyboard.press('Tab');
      }
      const labels = stops.map((s) => s.label);
      assert.deepEqual(
        labels.map((l) => l.replace(/ „.*“$/, '')),
        ['Name', 'Datei entfernen', 'Nachweis', 'Datei hochladen', 'Weiter'],
        `${width}px: tab order`,
      );
      // Reading order: each stop is below the previous one, or on the same line further right.
      for (let i = 1; i < stops.length; i++) {
        const [a, b] = [stops[i - 1]!.box, stops[i]!.box];
        const sameLine = b.y < a.y + a.height && a.y < b.y + b.height;
        assert.ok(
          sameLine ? b.x >= a.x + a.width - 1 : b.y >= a.y + a.height - 1,
          `${width}px: "${labels[i]}" is drawn after "${labels[i - 1]}" (${JSON.stringify(a)} → ${JSON.stringify(b)})`,
        );
      }
      // The remove button's words on one line (one line box for its text), inside the button,
      // beside or below the file's name but not over it, and on screen.
      const removeButton = (await page.evaluate(`(() => {
        const button = document.querySelector('.aw-file .kern-btn');
        const range = document.createRange();
        range.selectNodeContents(button.querySelector('.kern-label').firstChild);
        const words = [...range.getClientRects()];
        const b = button.getBoundingClientRect();
        const name = button.previousElementSibling.getBoundingClientRect();
        const inside = (r) => r.left >= b.left - 0.5 && r.right <= b.right + 0.5;
        return {
          lines: new Set(words.map((r) => Math.round(r.top))).size,
          wordsInside: words.every(inside),
          clearOfName: b.left >= name.right || b.top >= name.bottom,
          onScreen: b.left >= 0 && b.right <= innerWidth,
        };
      })()`)) as Record<string, unknown>;
      assert.deepEqual(
        removeButton,
        { lines: 1, wordsInside: true, clearOfName: true, onScreen: true },
        `${width}px: "Datei entfernen"`,
      );
    }
  });

  test('check page: "Erklärung" is a heading with room below it; its error looks like every other', async () => {
    const page = await env.newPage(false);
    // A field error to compare with.
    await start(page, '/musterstadt/sperrmuell-anmelden');
    await page.getByRole('button', { name: 'Weiter' }).click();
    const fieldError = await page.evaluate(`(() => {
      const e = document.querySelector('#field-name-error');
      const cs = getComputedStyle(e.querySelector('.kern-body'));
      return { color: cs.color, weight: cs.fontWeight, icon: !!e.querySelector('.kern-icon--danger') };
    })()`);

    await fillSperrmuell(page);
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await page.locator('.aw-error-summary').waitFor();
    const heading = page.getByRole('heading', { level: 2, name: 'Erklärung' });
    await heading.waitFor();
    const measured = (await page.evaluate(`(() => {
      const h = [...document.querySelectorAll('h2')].find((x) => x.textContent.trim() === 'Erklärung');
      const text = document.getElementById('erklaerung-text');
      const error = document.getElementById('erklaerung-error');
      const cs = getComputedStyle(error.querySelector('.kern-body'));
      const icon = error.querySelector('.kern-icon--danger');
      return {
        size: parseFloat(getComputedStyle(h).fontSize),
        textSize: parseFloat(getComputedStyle(text).fontSize),
        gap: text.getBoundingClientRect().top - h.getBoundingClientRect().bottom,
        error: { color: cs.color, weight: cs.fontWeight, icon: !!icon },
        iconDrawn: icon ? icon.getBoundingClientRect().width > 0 : false,
        prefix: error.textContent.trim().startsWith('Fehler:'),
        describes: document.querySelector('fieldset:has(#field-erklaerung)').getAttribute('aria-describedby'),
      };
    })()`)) as {
      size: number;
      textSize: number;
      gap: number;
      error: unknown;
      iconDrawn: boolean;
      prefix: boolean;
      describes: string;
    };
    assert.ok(measured.size >= 1.3 * measured.textSize, `a heading, not text size (${measured.size}px)`);
    assert.ok(measured.gap >= 12, `room between heading and text (${measured.gap}px)`);
    assert.deepEqual(measured.error, fieldError, 'styled like a field error, with its icon');
    assert.ok(measured.iconDrawn, 'the icon is drawn');
    assert.ok(measured.prefix, 'screen readers hear "Fehler:" first');
    assert.match(measured.describes, /erklaerung-error/);
    await checkA11y(page, 'check page, declaration error');
  });
});
