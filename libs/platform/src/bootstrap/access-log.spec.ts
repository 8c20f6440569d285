import { isRoutineRead, SLOW_READ_MS } from './access-log';

describe('isRoutineRead (which requests the access log writes at info)', () => {
  it('takes quick successful reads and conditional 304s as routine', () => {
    expect(isRoutineRead('GET', 200, 3)).toBe(true);
    expect(isRoutineRead('HEAD', 200, 3)).toBe(true);
    expect(isRoutineRead('GET', 304, 1)).toBe(true);
  });

  it('logs every change, refusal, failure and slow read', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(isRoutineRead(method, 200, 1)).toBe(false);
    expect(isRoutineRead('GET', 401, 1)).toBe(false);
    expect(isRoutineRead('GET', 404, 1)).toBe(false);
    expect(isRoutineRead('GET', 500, 1)).toBe(false);
    expect(isRoutineRead('GET', 200, SLOW_READ_MS)).toBe(false);
  });
});
