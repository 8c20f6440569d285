import fc from 'fast-check';
import { dashboardEnv } from './config';
import { upstreamTarget } from './upstream-target';

const upstreams = {
  reports: 'http://reports.internal:3101',
  indicators: 'http://indicators.internal:3102/base/',
  notifications: 'http://notifications.internal:3103',
  exports: 'http://exports.internal:3104',
};

const forwarded = (raw: string) => {
  const target = upstreamTarget(raw, upstreams);
  if (target?.kind !== 'forward') throw new Error(`${raw} was not forwarded: ${JSON.stringify(target)}`);
  return target.url.href;
};

describe('upstreamTarget: where the dashboard forwards a /svc call', () => {
  it('forwards API paths and queries to the configured service, under its base path', () => {
    expect(forwarded('/svc/reports/api/v1/auth/token')).toBe('http://reports.internal:3101/api/v1/auth/token');
    expect(forwarded('/svc/indicators/api/v1/rankings/20/X/2024?pageSize=500&level=district')).toBe('http://indicators.internal:3102/base/api/v1/rankings/20/X/2024?pageSize=500&level=district');
    expect(forwarded('/svc/notifications/api/v1/calendar/20?unit=L%E1%BA%A1ng%20S%C6%A1n')).toBe('http://notifications.internal:3103/api/v1/calendar/20?unit=L%E1%BA%A1ng%20S%C6%A1n');
    expect(forwarded('/svc/exports/api/v1/exports/')).toBe('http://exports.internal:3104/api/v1/exports/');
    expect(forwarded('/svc/reports/api/dataValueSets?dryRun=true')).toBe('http://reports.internal:3101/api/dataValueSets?dryRun=true');
  });

  it('leaves any other path to the page', () => {
    for (const raw of ['/', '/overview', '/svc', '/svc/', '/svc/billing/api/v1/x', '/svc/reports@evil/api/v1/x', '/svcx/reports/api', '/svc/%72eports/api/v1/forms']) {
      expect(upstreamTarget(raw, upstreams)).toBeUndefined();
    }
  });

  it.each([
    ['another host, protocol-relative', '/svc/reports//169.254.169.254/latest/meta-data'],
    ['another host after the prefix', '/svc/reports/api//evil.example/x'],
    ['a dot-dot segment', '/svc/reports/api/v1/../../metrics'],
    ['a dot segment', '/svc/reports/api/./v1/forms/20'],
    ['encoded dot-dot', '/svc/reports/api/%2e%2e/%2E%2E/metrics'],
    ['half-encoded dot-dot', '/svc/reports/api/.%2e/metrics'],
    ['encoded slashes', '/svc/reports/api/..%2f..%2fmetrics'],
    ['encoded slash alone', '/svc/reports/api/v1%2F..%2F..%2Fhealth'],
    ['double-encoded dot-dot', '/svc/reports/api/%252e%252e/%252e%252e/metrics'],
    ['double-encoded slash', '/svc/reports/api/%252f%252fevil'],
    ['backslashes', '/svc/reports/api\\..\\..\\metrics'],
    ['encoded backslashes', '/svc/reports/api/%5c%5cevil/x'],
    ['an absolute URL in the path', '/svc/reports/api/http://evil/'],
    ['an absolute URL', '/svc/reports/http://evil/'],
    ['a malformed escape', '/svc/reports/api/v1/forms/%E0%A4%A'],
    ['a control character', '/svc/reports/api/v1/forms/%00'],
    ['a fragment', '/svc/reports/api/v1/forms#x'],
  ])('refuses %s with 400', (_, raw) => {
    expect(upstreamTarget(raw, upstreams)).toMatchObject({ kind: 'refused', status: 400, service: 'reports' });
  });

  it.each([
    ['metrics', '/svc/reports/metrics'],
    ['health', '/svc/indicators/health/ready'],
    ['OpenAPI', '/svc/notifications/docs/openapi.json'],
    ['the service root', '/svc/exports'],
    ['the service root with a query', '/svc/exports?x=1'],
    ['an authority after the service', '/svc/reports/@evil/api/v1/forms'],
    ['"api" without its slash', '/svc/reports/apix/v1'],
  ])('refuses %s (outside the API) with 404', (_, raw) => {
    expect(upstreamTarget(raw, upstreams)).toMatchObject({ kind: 'refused', status: 404 });
  });

  it('gives a refusal in both languages', () => {
    const refused = upstreamTarget('/svc/reports/api/%2e%2e/metrics', upstreams);
    expect(refused).toMatchObject({ detail: expect.stringContaining('dot'), detailVi: expect.stringContaining('dấu chấm') });
  });

  it('never sends anything to another host or outside the API, whatever follows /svc/<service>', () => {
    const pieces = fc.constantFrom('/', '//', '.', '..', '%2e', '%2E', '%2f', '%2F', '%5c', '\\', '%25', '2e', '@', ':', 'http:', 'evil', 'api', 'v1', '?', '#', '%00', ' ', 'metrics', 'x');
    fc.assert(
      fc.property(fc.constantFrom('reports', 'indicators', 'notifications', 'exports'), fc.array(pieces, { maxLength: 12 }), (service, parts) => {
        const target = upstreamTarget(`/svc/${service}/${parts.join('')}`, upstreams);
        if (target?.kind !== 'forward') return;
        const base = new URL(upstreams[service as keyof typeof upstreams]);
        expect(target.url.origin).toBe(base.origin);
        expect(target.url.pathname.startsWith(`${base.pathname.replace(/\/$/, '')}/api/`)).toBe(true);
        expect(target.url.pathname.split('/')).not.toContain('..');
        expect(decodeURIComponent(target.url.pathname).split('/')).not.toContain('..');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('dashboard configuration: the services it forwards to', () => {
  it.each(['http://reports', 'https://gw.example/reports', 'http://127.0.0.1:3101'])('takes %s', (value) => {
    expect(dashboardEnv.safeParse({ REPORTS_URL: value }).success).toBe(true);
  });

  it.each(['ftp://reports', 'http://user:secret@reports', 'http://reports/?to=evil', 'http://reports/#x', 'javascript:alert(1)'])('refuses %s', (value) => {
    expect(dashboardEnv.safeParse({ REPORTS_URL: value }).success).toBe(false);
  });
});
