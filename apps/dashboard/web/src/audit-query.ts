/** The audit page asks each service for this many entries at a time. */
export const AUDIT_PAGE_SIZE = 100;

export interface AuditFilters {
  actor: string;
  objectType: string;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { actor: '', objectType: '', from: '', to: '' };

/** The query the audit routes take, from the page's filters: whole days in the official's own time. */
export function auditQuery(filters: AuditFilters, page: number): string {
  const query = new URLSearchParams({ page: String(page), pageSize: String(AUDIT_PAGE_SIZE) });
  const actor = filters.actor.trim();
  if (actor) query.set('actor', /^(user|key|system):/.test(actor) ? actor : `user:${actor}`);
  if (filters.objectType.trim()) query.set('objectType', filters.objectType.trim());
  if (filters.from) query.set('from', new Date(`${filters.from}T00:00:00`).toISOString());
  if (filters.to) query.set('to', new Date(`${filters.to}T23:59:59.999`).toISOString());
  return query.toString();
}
