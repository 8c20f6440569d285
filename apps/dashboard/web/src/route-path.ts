export interface Route {
  view: 'overview' | 'indicator' | 'reporting' | 'unit' | 'audit';
  code?: string;
  params: URLSearchParams;
}

/** Hash routes (#/overview, #/indicator/CODE?programme=&period=): the server serves one page. */
export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view, code] = path.split('/');
  const params = new URLSearchParams(query);
  if (view === 'indicator' && code) return { view, code: decodeURIComponent(code), params };
  if (view === 'reporting' || view === 'unit' || view === 'audit') return { view, params };
  return { view: 'overview', params };
}
