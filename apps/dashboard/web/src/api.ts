export type ServiceName = 'reports' | 'indicators' | 'notifications' | 'exports';

/** A service the dashboard server could not reach: the page says so and shows the rest. */
export class ServiceDownError extends Error {
  constructor(readonly service: ServiceName) {
    super(`${service} is not answering`);
  }
}

/** A refusal from a service, with its problem+json detail in both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly detailVi: string,
  ) {
    super(detail);
  }
}

let token: string | undefined;

export const UNAUTHORIZED_EVENT = 'dtp:unauthorized';

export function setApiToken(value: string | undefined): void {
  token = value;
}

async function call(service: ServiceName, method: string, path: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/svc/${service}${path}`, {
      method,
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ServiceDownError(service);
  }
  if (response.status === 502 || response.status === 504) throw new ServiceDownError(service);
  // An expired or refused token: the page goes back to the sign-in form.
  if (response.status === 401 && token) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string; vi?: { detail?: string; title?: string } };
    throw new ApiError(response.status, problem.detail ?? problem.title ?? String(response.status), problem.vi?.detail ?? problem.vi?.title ?? problem.detail ?? String(response.status));
  }
  return response;
}

export async function getJson<T>(service: ServiceName, path: string): Promise<T> {
  return (await (await call(service, 'GET', path)).json()) as T;
}

export async function postJson<T>(service: ServiceName, path: string, body: unknown): Promise<T> {
  return (await (await call(service, 'POST', path, body)).json()) as T;
}

/** Downloads a file the API guards with the token: fetched, then handed to the browser to save. */
export async function download(service: ServiceName, path: string, fileName: string): Promise<void> {
  const blob = await (await call(service, 'GET', path)).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
