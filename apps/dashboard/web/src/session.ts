export interface Session {
  token: string;
  username: string;
  roles: string[];
  provinceCode: string;
  unitCode?: string;
}

const KEY = 'dtp.session';

/** The official's claims, read from the token the reports service signed (verified by each service). */
export function sessionOf(token: string): Session {
  const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))) as {
    sub: string;
    roles?: string[];
    province: string;
    unit?: string;
  };
  return { token, username: payload.sub, roles: payload.roles ?? [], provinceCode: payload.province, ...(payload.unit ? { unitCode: payload.unit } : {}) };
}

export function storedSession(): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Session) : undefined;
}

export function storeSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

export const isProvincialOfficial = (session: Session): boolean => session.roles.includes('admin') || session.roles.includes('reviewer');
