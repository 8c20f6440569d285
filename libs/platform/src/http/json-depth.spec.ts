import fc from 'fast-check';
import { jsonDepthExceeds } from './json-depth';

/** The depth by definition, walking the parsed value (recursion is fine for generated values). */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

const nested = (levels: number, open = '[', close = ']') => `${open.repeat(levels)}${close.repeat(levels)}`;

describe('jsonDepthExceeds: how deep a JSON body nests, read without parsing', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonDepthExceeds('1', 0)).toBe(false);
    expect(jsonDepthExceeds('"x"', 0)).toBe(false);
    expect(jsonDepthExceeds('{}', 0)).toBe(true);
    expect(jsonDepthExceeds('{}', 1)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  it('takes the deepest point, not the sum of siblings', () => {
    expect(jsonDepthExceeds(`[${Array.from({ length: 1000 }, () => '[[1]]').join(',')}]`, 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(JSON.stringify({ note: '[[[[[[{{{{' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ note: 'say \\"[[[[[\\" and \\\\', more: '"[[[[' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify(['\\', [['x']]]), 2)).toBe(true);
  });

  it('refuses 3,000 levels, and a million, in one pass without overflowing', () => {
    expect(jsonDepthExceeds(nested(3000), 32)).toBe(true);
    expect(jsonDepthExceeds(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`, 32)).toBe(true);
    expect(jsonDepthExceeds(nested(1_000_000), 32)).toBe(true);
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nested(33), 32)).toBe(true);
  });

  it('agrees with the depth of the parsed value for any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, max) => {
        expect(jsonDepthExceeds(JSON.stringify(value), max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees whatever the whitespace and string contents around the brackets', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        expect(jsonDepthExceeds(JSON.stringify(value, null, 2), max)).toBe(depthOf(value) > max);
      }),
    );
  });
});
