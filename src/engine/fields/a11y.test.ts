/**
 * axe-core (WCAG 2.1 A/AA) on every field of every demo definition, with and without errors, in
 * Debian's Chromium with the real KERN stylesheet (so colour contrast is checked too).
 * Needs Debian's Chromium (`apt-get install chromium`); .ci/run installs it.
 */
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { checkA11y, launchBrowser } from '../../../test/support/browser.ts';
import { demoDefinitionFiles } from '../../../test/support/demo-definitions.ts';
import { parseDefinition } from '../../definition/parse.ts';
import type { Locale } from '../../definition/types.ts';
import { compile } from '../compile.ts';

const require = createRequire(import.meta.url);
// As published: code list references resolved to options.
const demoDefinitions = (await demoDefinitionFiles()).map((d) => d.json);

/** One page per definition with all its fields: keys are unique within a definition, so are ids. */
function pages(locale: Locale, withErrors: boolean): string[] {
  return demoDefinitions.map((json) => {
    const result = parseDefinition(json);
    if (!result.ok) throw new Error('demo definition does not parse');
    const model = compile(result.definition);
    let body = '';
    for (const step of model.steps) {
      for (const field of step.fields) {
        const error =
          withErrors && field.type !== 'info'
            ? {
                key: field.key,
                inputId: `field-${field.key}`,
                message: { de: 'Fehler im Feld', en: 'Error in field' },
              }
            : undefined;
        body += model.renderField({ field, value: undefined, raw: undefined, error, locale }).value;
      }
    }
    return body;
  });
}

describe('field views are accessible', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const locale of ['de', 'en'] as const) {
    for (const withErrors of [false, true]) {
      it(`${locale}${withErrors ? ' with errors' : ''}: no axe violations`, async () => {
        const p = await browser.newPage();
        for (const section of pages(locale, withErrors)) {
          await p.setContent(
            `<!doctype html><html lang="${locale}"><head><title>Test</title></head><body><main><h1>Formular</h1><form method="post" novalidate>${section}<button type="submit">Weiter</button></form></main></body></html>`,
          );
          await p.addStyleTag({ path: require.resolve('@kern-ux/native/dist/kern.min.css') });
          await checkA11y(p, `fields (${locale}${withErrors ? ', with errors' : ''})`);
        }
        await p.close();
      });
    }
  }
});
