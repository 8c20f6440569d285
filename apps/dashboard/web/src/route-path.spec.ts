import { parseRoute } from './route-path';

describe('parseRoute (the page’s hash routes)', () => {
  it('reads a view, an indicator code and the query', () => {
    const route = parseRoute('#/indicator/DEMO_DOSSIERS%20X?programme=DEMO-49&period=2024');
    expect(route).toMatchObject({ view: 'indicator', code: 'DEMO_DOSSIERS X' });
    expect(route.params.get('programme')).toBe('DEMO-49');
    expect(route.params.get('period')).toBe('2024');
    expect(parseRoute('#/reporting').view).toBe('reporting');
    expect(parseRoute('#/unit').view).toBe('unit');
    expect(parseRoute('#/audit').view).toBe('audit');
  });

  it('falls back to the overview for anything else', () => {
    expect(parseRoute('').view).toBe('overview');
    expect(parseRoute('#/indicator').view).toBe('overview');
    expect(parseRoute('#/nowhere?x=1').view).toBe('overview');
  });
});
