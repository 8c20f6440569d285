import { periodLabel } from '@dtp/domain';
import { getJson } from '../api';
import { ScrollArea } from '../components/scroll-area';
import { ServiceNotice } from '../components/service-notice';
import { MessageKey, useI18n } from '../i18n/i18n';
import { Session } from '../session';
import { Obligation } from '../types';
import { useData } from '../use-data';

/** A unit's own reports, from the reporting calendar: what is due when, and where each stands. */
export function UnitView({ session }: { session: Session }) {
  const i18n = useI18n();
  const { t } = i18n;
  const unit = session.unitCode;
  const calendar = useData(() => (unit ? getJson<Obligation[]>('notifications', `/api/v1/calendar/${session.provinceCode}?unit=${encodeURIComponent(unit)}`) : Promise.resolve([])), [unit]);
  if (!unit) return <p>{t('unit.noUnit')}</p>;
  return (
    <>
      <h1>{t('unit.title', { unit })}</h1>
      {calendar.state === 'failed' && <ServiceNotice error={calendar.error} onRetry={calendar.reload} />}
      {calendar.state === 'ready' && calendar.data.length === 0 && <p>{t('unit.none')}</p>}
      {calendar.state === 'ready' && calendar.data.length > 0 && (
        <ScrollArea label={t('unit.title', { unit })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reporting.form')}</th>
                <th scope="col">{t('common.period')}</th>
                <th scope="col">{t('unit.deadline')}</th>
                <th scope="col">{t('unit.state')}</th>
              </tr>
            </thead>
            <tbody>
              {calendar.data.map((o) => (
                <tr key={o._id}>
                  <th scope="row">{o.formCode}</th>
                  <td>{periodLabel(o.period, i18n.language)}</td>
                  <td>{i18n.date(o.deadline)}</td>
                  <td>
                    <span className={`state state-${o.state}`}>{t(`state.${o.state}` as MessageKey)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </>
  );
}
