import { ServiceName } from './config';

/**
 * The only paths forwarded: each service's public API. `/metrics`, `/health/*` and `/docs` are
 * for the cluster, not for the page, and stay unreachable from outside.
 */
export const FORWARDED_PREFIXES: readonly string[] = ['/api/'];

const SERVICE_PATH = /^\/svc\/(reports|indicators|notifications|exports)(\/[^?]*)?(\?.*)?$/;
// RFC 3986 pchar (unreserved, sub-delims, ':' and '@') and percent-escapes: nothing a URL parser
// could read as a scheme, an authority, a backslash separator or a fragment.
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+$/;
// The query is passed as it is; it cannot move the request once host and path are fixed, but a
// fragment, a space or a control character has no business in a request line.
const QUERY = /^\?[\x21-\x22\x24-\x7e]*$/;

export type UpstreamTarget =
  | { kind: 'forward'; service: ServiceName; url: URL }
  | { kind: 'refused'; status: 400 | 404; service: ServiceName; detail: string; detailVi: string };

/**
 * Where a `/svc/<service>/…` request goes, decided on the raw request target: never through URL
 * resolution against the service's base (`//host/…` would resolve to another host) and never
 * after dot-segment normalisation (`/api/%2e%2e/metrics` would leave the API). A path is forwarded
 * only when each of its segments is plain, once decoded, and it lies under a forwarded prefix; the
 * upstream URL is then the configured origin and base path followed by that path, checked again
 * after parsing. `undefined` when the request is not for a service.
 */
export function upstreamTarget(rawUrl: string, upstreams: Record<ServiceName, string>): UpstreamTarget | undefined {
  const match = SERVICE_PATH.exec(rawUrl);
  if (!match) return undefined;
  const service = match[1] as ServiceName;
  const path = match[2] ?? '/';
  const query = match[3] ?? '';
  const refused = (status: 400 | 404, detail: string, detailVi: string): UpstreamTarget => ({ kind: 'refused', status, service, detail, detailVi });

  if (!plainPath(path)) {
    return refused(400, 'the path holds an empty, dot, encoded-separator or malformed segment', 'đường dẫn có đoạn rỗng, đoạn dấu chấm, ký tự phân cách được mã hóa hoặc đoạn sai định dạng');
  }
  if (query !== '' && !QUERY.test(query)) return refused(400, 'the query holds a character a request line cannot carry', 'chuỗi truy vấn có ký tự không hợp lệ');
  if (!FORWARDED_PREFIXES.some((prefix) => path.startsWith(prefix))) {
    return refused(404, `only ${FORWARDED_PREFIXES.join(', ')} of a service is reachable here`, `chỉ có thể truy cập ${FORWARDED_PREFIXES.join(', ')} của dịch vụ qua đây`);
  }

  const base = new URL(upstreams[service]);
  const basePath = base.pathname.replace(/\/+$/, '');
  const url = new URL(`${base.origin}${basePath}${path}${query}`);
  // Belt and braces: what the parser made of it must be exactly what was checked.
  if (url.origin !== base.origin || url.pathname !== `${basePath}${path}`) {
    return refused(400, 'the path does not stay on the service', 'đường dẫn không nằm trong dịch vụ');
  }
  return { kind: 'forward', service, url };
}

function plainPath(path: string): boolean {
  const segments = path.split('/').slice(1);
  return segments.every((segment, index) => {
    // A trailing slash is an empty last segment; an empty one anywhere else is `//`.
    if (segment === '') return index === segments.length - 1;
    if (!SEGMENT.test(segment)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    // Decoded once, a segment must not become a separator, a dot segment, a control character or
    // another escape (`%252e` is `%2e` to one hop and `.` to the next).
    return decoded !== '.' && decoded !== '..' && !/[/\\%]/.test(decoded) && ![...decoded].some((c) => c < ' ' || c === '\x7f');
  });
}
