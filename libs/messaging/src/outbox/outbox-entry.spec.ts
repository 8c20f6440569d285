import { createEnvelope } from '@dtp/contracts';
import { OUTBOX_PENDING_FILTER, outboxAppend, pendingEntries } from './outbox-entry';

const event = (step: number) => createEnvelope('test.thing', 1, { source: 'test', key: 'k', data: { step } });

describe('outbox entries', () => {
  it('appends events as keyed entries and counts them, for an update or an insert alike', () => {
    const events = [event(0), event(1)];
    const append = outboxAppend('exports.job.v1', events, new Date('2026-01-01T00:00:00Z'));
    expect(Object.keys(append.$set)).toEqual([...events.map((e) => `outbox.${e.id}`), 'outboxPending']);
    expect(append.$inc).toEqual({ outboxCount: 2 });
    expect(append.fields.outboxCount).toBe(2);
    expect(JSON.parse(append.fields.outbox[events[1]!.id]!.payload)).toEqual(events[1]);
  });

  it('flags the document as pending in the same write, so the relay finds it by an equality', () => {
    const append = outboxAppend('t', [event(0)]);
    expect(append.$set.outboxPending).toBe(true);
    expect(append.fields.outboxPending).toBe(true);
    expect(OUTBOX_PENDING_FILTER).toEqual({ outboxPending: true });
  });

  it('returns pending entries oldest first, whatever order the document stores them in', () => {
    const first = outboxAppend('t', [event(0)], new Date(1000)).fields.outbox;
    const second = outboxAppend('t', [event(1), event(2)], new Date(2000)).fields.outbox;
    const shuffled = Object.fromEntries(Object.entries({ ...second, ...first }).reverse());
    const steps = pendingEntries({ outbox: shuffled }).map(([, entry]) => JSON.parse(entry.payload).data.step);
    expect(steps).toEqual([0, 1, 2]);
  });

  it('has nothing pending for a document without an outbox', () => {
    expect(pendingEntries({})).toEqual([]);
  });
});
