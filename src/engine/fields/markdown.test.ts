import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InfoField, WarningField } from '../../definition/types.ts';
import { infoField } from './info.ts';
import { renderMarkdown } from './markdown.ts';
import { warningField } from './warning.ts';

const md = (text: string) => renderMarkdown(text).value;

describe('safe Markdown subset', () => {
  it('renders paragraphs, bold, italic and bullet lists', () => {
    assert.equal(
      md('Erster Absatz.\n\nZweiter\nAbsatz.'),
      '<p class="kern-body">Erster Absatz.</p><p class="kern-body">Zweiter\nAbsatz.</p>',
    );
    assert.equal(
      md('Das ist **wichtig** und *betont*.'),
      '<p class="kern-body">Das ist <strong>wichtig</strong> und <em>betont</em>.</p>',
    );
    assert.equal(
      md('**fett mit *kursiv* darin**'),
      '<p class="kern-body"><strong>fett mit <em>kursiv</em> darin</strong></p>',
    );
    assert.equal(
      md('Sie brauchen:\n- den Ausweis\n* die Meldebescheinigung\n  (nicht älter als 3 Monate)\n\nDanke.'),
      '<p class="kern-body">Sie brauchen:</p><ul class="kern-list kern-list--bullet"><li>den Ausweis</li><li>die Meldebescheinigung (nicht älter als 3 Monate)</li></ul><p class="kern-body">Danke.</p>',
    );
  });

  it('renders links with https, mailto and tel only', () => {
    assert.equal(
      md(
        'Siehe [Satzung](https://musterstadt.example/satzung.pdf), [E-Mail](mailto:steuer@musterstadt.example) oder [Telefon](tel:+49 1234 5678).',
      ),
      '<p class="kern-body">Siehe <a class="kern-link" href="https://musterstadt.example/satzung.pdf">Satzung</a>, <a class="kern-link" href="mailto:steuer@musterstadt.example">E-Mail</a> oder <a class="kern-link" href="tel:+49 1234 5678">Telefon</a>.</p>',
    );
    for (const url of [
      'javascript:alert(1)',
      'http://example.org',
      'data:text/html,x',
      '//evil.example',
      'https://',
      'vbscript:x',
    ]) {
      assert.equal(md(`[x](${url})`), `<p class="kern-body">[x](${url.replace('&', '&amp;')})</p>`, url);
    }
    // Link text is escaped; quotes in URLs cannot break out of the attribute.
    assert.equal(
      md('[<b>a</b>](https://e.example/?q="x")'),
      '<p class="kern-body"><a class="kern-link" href="https://e.example/?q=&quot;x&quot;">&lt;b&gt;a&lt;/b&gt;</a></p>',
    );
  });

  it('escapes everything else and never passes HTML through', () => {
    assert.equal(
      md('<script>alert(1)</script> <img src=x onerror=alert(1)> & "quotes"'),
      '<p class="kern-body">&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>',
    );
    assert.equal(md('# Überschrift'), '<p class="kern-body"># Überschrift</p>');
    assert.equal(
      md('![Bild](https://e.example/x.png)'),
      '<p class="kern-body">!<a class="kern-link" href="https://e.example/x.png">Bild</a></p>',
    );
  });

  it('leaves lone markers and arithmetic alone; backslash escapes', () => {
    assert.equal(md('5 * 3 * 2 = 30'), '<p class="kern-body">5 * 3 * 2 = 30</p>');
    assert.equal(md('**nicht geschlossen'), '<p class="kern-body">**nicht geschlossen</p>');
    assert.equal(
      md('\\*kein Stern\\* und \\[kein Link]'),
      '<p class="kern-body">*kein Stern* und [kein Link]</p>',
    );
    assert.equal(md('a \\ b'), '<p class="kern-body">a \\ b</p>');
    assert.equal(md(''), '');
  });
});

describe('info field', () => {
  it('renders its text as safe Markdown', () => {
    const field: InfoField = {
      type: 'info',
      key: 'hinweis',
      text: { de: 'Mit **Nachweis**.\n\n- eins\n- zwei' },
    };
    const html = infoField.view({
      field,
      value: undefined,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.equal(
      html,
      '<div id="field-hinweis"><p class="kern-body">Mit <strong>Nachweis</strong>.</p><ul class="kern-list kern-list--bullet"><li>eins</li><li>zwei</li></ul></div>',
    );
  });
});

describe('warning field', () => {
  const field: WarningField = {
    type: 'warning',
    key: 'achtung',
    text: { de: 'Für **gefährliche Hunde** gilt ein höherer Steuersatz.', en: 'A **higher** rate applies.' },
  };
  it('never answers', () => {
    assert.deepEqual(warningField.parse(field, { achtung: 'x' }), { value: undefined, rawKept: {} });
    assert.equal(warningField.validate(field, undefined, { today: '2025-06-01' }), null);
    assert.equal(warningField.isEmpty(undefined), true);
    assert.equal(warningField.dataSchema(field), null);
  });
  it('renders a KERN warning alert with a default or given title', () => {
    const html = warningField.view({
      field,
      value: undefined,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.equal(
      html,
      '<div class="kern-alert kern-alert--warning" id="field-achtung"><div class="kern-alert__header"><span class="kern-icon kern-icon--warning" aria-hidden="true"></span><p class="kern-title">Wichtiger Hinweis</p></div><div class="kern-alert__body"><p class="kern-body">Für <strong>gefährliche Hunde</strong> gilt ein höherer Steuersatz.</p></div></div>',
    );
    const titled = { ...field, title: { de: 'Achtung', en: 'Warning' } };
    const en = warningField.view({
      field: titled,
      value: undefined,
      raw: undefined,
      error: undefined,
      locale: 'en',
    }).value;
    assert.match(en, /<p class="kern-title">Warning<\/p>.*A <strong>higher<\/strong> rate applies\./);
  });
});
