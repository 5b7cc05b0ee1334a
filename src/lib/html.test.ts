import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { escapeHtml, html, SafeHtml } from './html.ts';

/** The plain definition of the escaping, to hold the fast one against. */
const reference = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

test('escapeHtml escapes the five characters and nothing else', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&amp;</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
  );
  assert.equal(escapeHtml('Grüße, Straße 1'), 'Grüße, Straße 1');
  assert.equal(escapeHtml(''), '');
  assert.equal(escapeHtml('"'), '&quot;');
  assert.equal(escapeHtml('a"'), 'a&quot;');
  assert.equal(escapeHtml('"a'), '&quot;a');
});

test('escapeHtml equals the plain definition on any text', () => {
  const special = fc.constantFrom('&', '<', '>', '"', "'", 'a', 'ß', '😀', ' ');
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.array(special).map((a) => a.join('')),
      ),
      (text) => {
        assert.equal(escapeHtml(text), reference(text));
      },
    ),
    { numRuns: 2000 },
  );
});

test('html escapes interpolated text and keeps SafeHtml as it is', () => {
  const typed = '<script>alert("x")</script>';
  assert.equal(
    String(html`<p>${typed}</p>${html`<b>${'&'}</b>`}`),
    '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><b>&amp;</b>',
  );
  assert.ok(html`x` instanceof SafeHtml);
});
