import fc from 'fast-check';

/** Generators of valid periods for property-based tests (test support, not shipped). */
export const arbitraryFixedPeriod = fc.oneof(
  fc.record({ type: fc.constant('year' as const), year: fc.integer({ min: 1901, max: 2998 }), index: fc.constant(1) }),
  fc.record({ type: fc.constant('nine-months' as const), year: fc.integer({ min: 1901, max: 2998 }), index: fc.constant(1) }),
  fc.record({ type: fc.constant('half-year' as const), year: fc.integer({ min: 1901, max: 2998 }), index: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ type: fc.constant('quarter' as const), year: fc.integer({ min: 1901, max: 2998 }), index: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ type: fc.constant('month' as const), year: fc.integer({ min: 1901, max: 2998 }), index: fc.integer({ min: 1, max: 12 }) }),
);
