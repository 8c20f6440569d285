import { auditQuery } from './audit-query';

describe('auditQuery (the audit page’s filters as the API takes them)', () => {
  const empty = { actor: '', objectType: '', from: '', to: '' };

  it('asks for a page of 100 and nothing else when no filter is set', () => {
    expect(auditQuery(empty, 2)).toBe('page=2&pageSize=100');
  });

  it('reads a bare name as a user and keeps an explicit key or system actor', () => {
    expect(new URLSearchParams(auditQuery({ ...empty, actor: ' admin ' }, 1)).get('actor')).toBe('user:admin');
    expect(new URLSearchParams(auditQuery({ ...empty, actor: 'key:0123abcd' }, 1)).get('actor')).toBe('key:0123abcd');
    expect(new URLSearchParams(auditQuery({ ...empty, actor: 'system:indicators' }, 1)).get('actor')).toBe('system:indicators');
  });

  it('takes whole days in local time: from the first millisecond to the last', () => {
    const query = new URLSearchParams(auditQuery({ ...empty, from: '2026-12-01', to: '2026-12-02' }, 1));
    expect(new Date(query.get('from')!).getTime()).toBe(new Date(2026, 11, 1, 0, 0, 0, 0).getTime());
    expect(new Date(query.get('to')!).getTime()).toBe(new Date(2026, 11, 2, 23, 59, 59, 999).getTime());
  });
});
