/**
 * The province a parked message belongs to, so an administrator sees and replays only their own
 * province's: the payload's `data.provinceCode` where the envelope can still be read, else the
 * key's first segment (every topic keys by province first: `20`, `20:CDS-Q`, `20:178:2024Q1`).
 * Null when neither names one (a `units` key, an unreadable message without key): only a national
 * administrator sees those.
 */
export function provinceOfMessage(key: string | null, value: string): string | null {
  try {
    const parsed = JSON.parse(value) as { data?: { provinceCode?: unknown } } | null;
    const code = parsed?.data?.provinceCode;
    if (typeof code === 'string' && code !== '') return code;
  } catch {
    // An unreadable message is parked too; its key still says whose it is.
  }
  const first = key?.split(':')[0];
  return first && first !== 'units' ? first : null;
}
