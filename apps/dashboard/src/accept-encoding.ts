/** The codings the build writes beside each compressible file (`<file>.br`, `<file>.gz`), best first. */
export type Coding = 'br' | 'gzip';

const SIBLING_CODINGS: readonly Coding[] = ['br', 'gzip'];

/** Only the weights RFC 9110 §12.4.2 allows: 0 to 1 with at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The codings a client accepts, most wanted first, from its `Accept-Encoding` (RFC 9110 §12.5.3):
 * weights respected, `q=0` refused, `*` standing for any coding not named, brotli before gzip when
 * they weigh the same. No header, or none acceptable, is `[]`: send the bytes as they are. A coding
 * weighing less than an explicitly named `identity` is dropped too.
 */
export function acceptedCodings(header: string | undefined): Coding[] {
  if (header === undefined) return [];
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    if (name === '') continue;
    const q = params.map((p) => /^q\s*=\s*(.*)$/i.exec(p)?.[1]).find((v) => v !== undefined);
    // A weight that is not a weight refuses rather than guesses.
    const weight = q === undefined ? 1 : QVALUE.test(q) ? Number(q) : 0;
    const coding = name.toLowerCase() === 'x-gzip' ? 'gzip' : name.toLowerCase();
    weights.set(coding, Math.max(weights.get(coding) ?? 0, weight));
  }
  const identity = weights.get('identity') ?? 0;
  return SIBLING_CODINGS.map((coding) => ({ coding, q: weights.get(coding) ?? weights.get('*') ?? 0 }))
    .filter(({ q }) => q > 0 && q >= identity)
    .sort((a, b) => b.q - a.q) // stable: equal weights keep brotli first
    .map(({ coding }) => coding);
}
