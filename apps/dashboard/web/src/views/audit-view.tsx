import { FormEvent, useState } from 'react';
import { download, getJson, ServiceName } from '../api';
import { ScrollArea } from '../components/scroll-area';
import { ServiceNotice } from '../components/service-notice';
import { MessageKey, useI18n } from '../i18n/i18n';
import { Session } from '../session';
import { AuditEntry, AuditPage } from '../types';
import { useData } from '../use-data';
import { AUDIT_PAGE_SIZE as PAGE_SIZE, AuditFilters as Filters, auditQuery, NO_AUDIT_FILTERS as EMPTY } from '../audit-query';

/** Every service keeps the changes made through it; the page reads all four and merges them by time. */
const AUDITED: ServiceName[] = ['reports', 'indicators', 'notifications', 'exports'];
type ServicePage = { service: ServiceName; entries: AuditEntry[]; error?: unknown };

/** Who changed what in the province, and when: forms, keys, users, units, programmes, reminders, exports (administrators). */
export function AuditView({ session }: { session: Session }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [pages, setPages] = useState(1);
  const loaded = useData(
    () =>
      Promise.all(
        AUDITED.map(async (service): Promise<ServicePage> => {
          try {
            const all: AuditEntry[] = [];
            for (let page = 1; page <= pages; page += 1) {
              const answer = await getJson<AuditPage>(service, `/api/v1/audit?${auditQuery(filters, page)}`);
              all.push(...answer.items);
              if (answer.items.length < PAGE_SIZE) break;
            }
            return { service, entries: all };
          } catch (error) {
            return { service, entries: [], error };
          }
        }),
      ),
    [session.provinceCode, filters, pages],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPages(1);
    setFilters(draft);
  };
  const time = new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
  const entries = loaded.state === 'ready' ? loaded.data.flatMap((p) => p.entries).sort((a, b) => b.at.localeCompare(a.at)) : [];
  const failed = loaded.state === 'ready' ? loaded.data.filter((p) => p.error !== undefined) : [];
  const more = loaded.state === 'ready' && loaded.data.some((p) => p.entries.length >= pages * PAGE_SIZE);

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <form className="filters" onSubmit={submit} aria-label={t('audit.filters')}>
        <label>
          {t('audit.actor')}
          <input value={draft.actor} placeholder="admin" onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        </label>
        <label>
          {t('audit.objectType')}
          <input value={draft.objectType} placeholder="form" onChange={(e) => setDraft({ ...draft, objectType: e.target.value })} />
        </label>
        <label>
          {t('audit.from')}
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          {t('audit.to')}
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit">{t('audit.apply')}</button>
      </form>
      <p className="downloads">
        {t('audit.csv')}:{' '}
        {AUDITED.map((service) => (
          <button key={service} type="button" onClick={() => void download(service, `/api/v1/audit.csv?${auditQuery(filters, 1)}`, `nhat-ky-${service}.csv`)}>
            {t(`service.${service}` as MessageKey)}
          </button>
        ))}
      </p>
      {loaded.state === 'loading' && <p aria-busy="true">{t('common.loading')}</p>}
      {loaded.state === 'failed' && <ServiceNotice error={loaded.error} onRetry={loaded.reload} />}
      {failed.map((p) => (
        <ServiceNotice key={p.service} error={p.error} onRetry={loaded.reload} />
      ))}
      {loaded.state === 'ready' && entries.length === 0 && <p>{t('audit.none')}</p>}
      {entries.length > 0 && (
        <ScrollArea label={t('audit.title')}>
          <table data-testid="audit">
            <caption className="visually-hidden">{t('audit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.object')}</th>
                <th scope="col">{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.service}/${e._id}`}>
                  <td>
                    <time dateTime={e.at}>{time.format(new Date(e.at))}</time>
                  </td>
                  <td>
                    {e.actor.id}
                    {e.actor.unitCode ? ` (${e.actor.unitCode})` : ''}
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.objectType} <code>{e.objectId}</code>
                  </td>
                  <td>
                    <ChangeList changes={e.changes} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
      {more && (
        <button type="button" onClick={() => setPages(pages + 1)}>
          {t('audit.more')}
        </button>
      )}
    </>
  );
}

function ChangeList({ changes }: { changes: AuditEntry['changes'] }) {
  const fields = Object.entries(changes);
  if (fields.length === 0) return <>–</>;
  return (
    <ul className="changes">
      {fields.map(([field, change]) => (
        <li key={field}>
          <code>{field}</code>: {shown(change.before)} → {shown(change.after)}
        </li>
      ))}
    </ul>
  );
}

/** A value as the log shows it: short, one line. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '–';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
