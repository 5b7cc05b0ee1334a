/** The `Content-Disposition` of downloads (uploaded files, receipts). */

/**
 * `attachment` with a file name no header can be broken with: an ASCII fallback (`filename`) and
 * the real name UTF-8-encoded (`filename*`, RFC 6266 / 8187) for "Fahrzeugschein Rückseite.jpg".
 */
export function contentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\;%]/g, '_')
      .trim() || 'datei';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
