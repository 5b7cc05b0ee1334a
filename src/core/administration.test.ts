import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLegalLinks } from './administration.ts';

describe('checkLegalLinks', () => {
  it('keeps absolute https links and leaves out empty ones', () => {
    assert.deepEqual(
      checkLegalLinks({
        imprint: ' https://www.musterdorf.de/impressum ',
        privacy: '',
        accessibility: 'https://www.musterdorf.de/barrierefreiheit',
      }),
      {
        imprint: 'https://www.musterdorf.de/impressum',
        accessibility: 'https://www.musterdorf.de/barrierefreiheit',
      },
    );
    assert.deepEqual(checkLegalLinks({ privacy: 'http://localhost:8080/datenschutz' }), {
      privacy: 'http://localhost:8080/datenschutz',
    });
  });

  it('refuses anything a footer link must not be, naming the page', () => {
    for (const bad of [
      'javascript:alert(1)',
      '/impressum',
      'www.musterdorf.de/impressum',
      'http://www.musterdorf.de/impressum',
      'ftp://musterdorf.de/x',
      `https://musterdorf.de/${'x'.repeat(500)}`,
    ]) {
      assert.throws(() => checkLegalLinks({ imprint: bad }), {
        code: 'ERR_TENANT_LINK',
        message: /link to the Impressum must be an absolute https:\/\/ URL/,
      });
    }
    assert.throws(() => checkLegalLinks({ accessibility: 'nope' }), /Erklärung zur Barrierefreiheit/);
  });
});
