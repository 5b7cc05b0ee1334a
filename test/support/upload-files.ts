/** Small real files for upload tests: the server recognises types from these bytes. */
import { randomBytes } from 'node:crypto';

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A minimal PDF carrying `marker` in its body, so tests can look for the content in storage. */
export function pdf(marker = randomBytes(6).toString('hex')): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
}

/** A Windows program header: recognised as application/x-msdownload. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

/** A service with one file field (PDF or PNG, at most 64 KB, at most 2 files) beside a text field. */
export const UPLOAD_SERVICE = {
  formatVersion: 2,
  id: 'nachweis-einreichen',
  title: { de: 'Nachweis einreichen', en: 'Submit a document' },
  summary: { de: 'Einen Nachweis hochladen.', en: 'Upload a document.' },
  declaration: { de: 'Meine Angaben sind richtig.', en: 'My answers are correct.' },
  steps: [
    {
      id: 'nachweis',
      title: { de: 'Nachweis', en: 'Document' },
      fields: [
        { type: 'text', key: 'name', label: { de: 'Name', en: 'Name' }, required: true },
        {
          type: 'file',
          key: 'nachweis',
          label: { de: 'Nachweis', en: 'Document' },
          hint: { de: 'Ein Scan oder Foto.', en: 'A scan or photo.' },
          required: true,
          accept: ['application/pdf', 'image/png'],
          maxSizeBytes: 64 * 1024,
          maxFiles: 2,
        },
      ],
    },
  ],
  local: { office: { name: { de: 'Bürgeramt', en: 'Citizens’ office' } } },
};
