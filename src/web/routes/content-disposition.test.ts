import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentDisposition } from './content-disposition.ts';

describe('content disposition of downloads', () => {
  it('is an attachment with an ASCII fallback and the UTF-8 name', () => {
    assert.equal(
      contentDisposition('Fahrzeugschein Rückseite.pdf'),
      `attachment; filename="Fahrzeugschein Ruckseite.pdf"; filename*=UTF-8''Fahrzeugschein%20R%C3%BCckseite.pdf`,
    );
  });

  it('cannot be broken out of with quotes, semicolons or line breaks', () => {
    const header = contentDisposition('a";\r\nSet-Cookie: x=1;.pdf');
    assert.doesNotMatch(header, /[\r\n]/);
    assert.match(
      header,
      /^attachment; filename="a__Set-Cookie: x=1_.pdf"; filename\*=UTF-8''a%22%3B%0D%0ASet-Cookie%3A%20x%3D1%3B.pdf$/,
    );
  });
});
