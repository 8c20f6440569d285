/** Vietnamese letters without their marks, for the plain-ASCII name old clients read. */
export function asciiFold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** RFC 5987 `value-chars`: attr-char as is, every other UTF-8 byte as %XX. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition: attachment` for a file name in Vietnamese (RFC 6266): an ASCII fallback
 * in `filename` and the exact UTF-8 name in `filename*`, which every current browser prefers.
 */
export function attachment(fileName: string): string {
  const ascii = asciiFold(fileName.normalize('NFC'))
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName.normalize('NFC'))}`;
}
