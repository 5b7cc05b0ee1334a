import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileField } from '../../definition/types.ts';
import { fileField, REMOVE_FILE_NAME, refsToRaw } from './file.ts';
import { type FileRef, formatBytes } from './file-refs.ts';

const ctx = { today: '2025-06-01' };
const field: FileField = {
  type: 'file',
  key: 'fahrzeugschein',
  label: { de: 'Fahrzeugschein', en: 'Vehicle registration certificate' },
  required: true,
  accept: ['application/pdf', 'image/jpeg'],
  maxSizeBytes: 2 * 1024 * 1024,
  maxFiles: 2,
};
const ref = (over: Partial<FileRef> = {}): FileRef => ({
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  name: 'schein.pdf',
  mediaType: 'application/pdf',
  size: 1_234_567,
  sha256: 'a'.repeat(64),
  ...over,
});
const other = ref({
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
  name: 'rueckseite.jpg',
  mediaType: 'image/jpeg',
});

describe('file field', () => {
  it('reads the references the server posts, one JSON text per file', () => {
    const parsed = fileField.parse(field, { fahrzeugschein: refsToRaw([ref(), other]) });
    assert.deepEqual(parsed.value, [ref(), other]);
    assert.equal(fileField.validate(field, parsed.value, ctx), null);
  });

  it('ignores what is not a reference (a forged or broken post) and never throws', () => {
    const parsed = fileField.parse(field, {
      fahrzeugschein: ['{not json', '{"id":"x"}', JSON.stringify({ ...ref(), extra: 1 }), '[]'],
    });
    assert.equal(parsed.value, undefined);
    assert.deepEqual(fileField.validate(field, parsed.value, ctx), {
      de: 'Wählen Sie eine Datei aus',
      en: 'Select a file',
    });
    assert.equal(fileField.validate({ ...field, required: false }, undefined, ctx), null);
  });

  it('refuses too many files, a type or size the field does not allow, and malformed answers', () => {
    const third = ref({ id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d' });
    assert.equal(
      fileField.validate(field, [ref(), other, third], ctx)?.de,
      'Hier sind höchstens 2 Dateien möglich',
    );
    assert.equal(
      fileField.validate(field, [ref({ name: 'bild.png', mediaType: 'image/png' })], ctx)?.de,
      'Die Datei „bild.png“ hat ein Format, das hier nicht möglich ist. Möglich sind PDF und JPEG',
    );
    assert.equal(
      fileField.validate(field, [ref({ size: 3 * 1024 * 1024 })], ctx)?.de,
      'Die Datei „schein.pdf“ muss kleiner als 2 MB sein',
    );
    assert.ok(fileField.validate(field, [ref(), ref()], ctx), 'the same file twice');
    assert.ok(fileField.validate(field, 'schein.pdf', ctx));
    assert.ok(fileField.validate(field, [{ ...ref(), size: -1 }], ctx));
    assert.ok(fileField.validate(field, [{ ...ref(), sha256: 'xyz' }], ctx));
    assert.equal(
      fileField.validate({ ...field, maxFiles: undefined }, [ref(), other], ctx)?.de,
      'Hier ist nur eine Datei möglich',
    );
  });

  it('is empty without files', () => {
    assert.equal(fileField.isEmpty(undefined), true);
    assert.equal(fileField.isEmpty([]), true);
    assert.equal(fileField.isEmpty([ref()]), false);
  });

  it('formats names and sizes German style', () => {
    assert.equal(
      fileField.format(field, [ref(), other], 'de'),
      'schein.pdf (1,2 MB), rueckseite.jpg (1,2 MB)',
    );
    assert.equal(fileField.format(field, [ref()], 'en'), 'schein.pdf (1.2 MB)');
    assert.equal(formatBytes(340 * 1024, 'de'), '340 KB');
    assert.equal(formatBytes(12, 'de'), '12 Bytes');
    assert.equal(formatBytes(10 * 1024 * 1024, 'de'), '10 MB');
  });

  it('has a data schema bounded by the field', () => {
    const schema = fileField.dataSchema(field) as Record<string, unknown>;
    assert.equal(schema.maxItems, 2);
    const items = schema.items as { properties: Record<string, Record<string, unknown>> };
    assert.deepEqual(items.properties.mediaType?.enum, ['application/pdf', 'image/jpeg']);
    assert.equal(items.properties.size?.maximum, 2 * 1024 * 1024);
  });

  it('renders a labelled file input with the limits, the uploaded files and their remove buttons', () => {
    const markup = fileField.view({
      field,
      value: undefined,
      raw: { fahrzeugschein: refsToRaw([ref({ name: '<b>x</b>.pdf' })]) },
      error: { key: 'fahrzeugschein', inputId: 'field-fahrzeugschein', message: { de: 'Fehler' } },
      locale: 'de',
    }).value;
    assert.match(markup, /<label class="kern-label" for="field-fahrzeugschein">Fahrzeugschein<\/label>/);
    assert.match(markup, /type="file" id="field-fahrzeugschein" name="fahrzeugschein"/);
    assert.match(markup, /PDF oder JPEG, höchstens 2 MB je Datei, bis zu 2 Dateien/);
    assert.match(markup, /&lt;b&gt;x&lt;\/b&gt;.pdf \(1,2 MB\)/);
    assert.match(markup, new RegExp(`name="${REMOVE_FILE_NAME}" value="${ref().id}"`));
    assert.match(markup, /aria-describedby="field-fahrzeugschein-hint field-fahrzeugschein-error"/);
    assert.match(markup, /aria-invalid="true"/);
    // One more file may be added: no `multiple`, the picker takes one.
    assert.doesNotMatch(markup, / multiple/);
  });
});
