import { useState } from 'react';
import { periodLabel } from '@dtp/domain';
import { getJson, postJson } from '../api';
import { ScrollArea } from '../components/scroll-area';
import { ServiceNotice } from '../components/service-notice';
import { useI18n } from '../i18n/i18n';
import { Session } from '../session';
import { recentPeriods } from '../recent-periods';
import { Obligation, ReportForm, ReportingRates } from '../types';
import { useData } from '../use-data';

const DAY_MS = 24 * 3600 * 1000;

/** Who reported on time, late or not at all, period by period; who is overdue now, with a reminder button. */
export function ReportingView({ session }: { session: Session }) {
  const { t, language } = useI18n();
  const province = session.provinceCode;
  const forms = useData(() => getJson<ReportForm[]>('reports', `/api/v1/forms/${province}`), [province]);
  const [chosen, setChosen] = useState<string>();
  const list = forms.state === 'ready' ? forms.data : [];
  const form = list.find((f) => f.code === chosen) ?? list[0];
  const periods = form ? recentPeriods(form.periodType, new Date()) : [];
  const rates = useData(
    () => (form ? Promise.all(periods.map((p) => getJson<ReportingRates>('indicators', `/api/v1/reporting-rates/${province}/${encodeURIComponent(form.code)}/${p}`))) : Promise.resolve([])),
    [form?.code, periods.join()],
  );
  const overdue = useData(() => (form ? getJson<Obligation[]>('notifications', `/api/v1/calendar/${province}?form=${encodeURIComponent(form.code)}&state=late`) : Promise.resolve([])), [form?.code]);

  if (forms.state === 'failed') return <ServiceNotice error={forms.error} onRetry={forms.reload} />;
  if (forms.state === 'loading') return <p aria-busy="true">{t('common.loading')}</p>;
  if (!form) return <p>{t('reporting.noForms')}</p>;

  const units = new Map<string, string>();
  if (rates.state === 'ready') for (const r of rates.data) for (const u of r.units) units.set(u.unitCode, u.name);

  return (
    <>
      <h1>{t('reporting.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('reporting.form')}
          <select value={form.code} onChange={(e) => setChosen(e.target.value)}>
            {list.map((f) => (
              <option key={f.code} value={f.code}>
                {language === 'vi' ? f.nameVi : f.nameEn}
              </option>
            ))}
          </select>
        </label>
      </form>
      <section className="card" aria-labelledby="heatmap-title">
        <h2 id="heatmap-title">{t('reporting.heatmap')}</h2>
        <p className="legend" aria-label={t('reporting.legend')}>
          <span className="cell cell-on-time">✓ {t('reporting.onTime')}</span> <span className="cell cell-late">! {t('reporting.late')}</span> <span className="cell cell-missing">✗ {t('reporting.missing')}</span>{' '}
          <span className="cell cell-not-owed">– {t('reporting.notOwed')}</span>
        </p>
        {rates.state === 'failed' && <ServiceNotice error={rates.error} onRetry={rates.reload} />}
        {rates.state === 'ready' && (
          <ScrollArea label={t('reporting.heatmap')}>
            <table className="heatmap" data-testid="heatmap">
              <thead>
                <tr>
                  <th scope="col">{t('table.unit')}</th>
                  {rates.data.map((r) => (
                    <th scope="col" key={r.period}>
                      {periodLabel(r.period, language)}
                      <br />
                      <small>{t('reporting.rate', { received: r.province.received, expected: r.province.expected, onTime: r.province.onTime })}</small>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...units].map(([code, name]) => (
                  <tr key={code}>
                    <th scope="row">{name}</th>
                    {rates.data.map((r) => {
                      const u = r.units.find((x) => x.unitCode === code);
                      const [kind, mark, label] = !u ? ['not-owed', '–', t('reporting.notOwed')] : !u.received ? ['missing', '✗', t('reporting.missing')] : u.onTime ? ['on-time', '✓', t('reporting.onTime')] : ['late', '!', t('reporting.late')];
                      return (
                        <td key={r.period} className={`cell cell-${kind}`}>
                          <span aria-hidden="true">{mark}</span> <span className="cell-label">{label}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
      <section className="card" aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t('reporting.overdue')}</h2>
        {overdue.state === 'failed' && <ServiceNotice error={overdue.error} onRetry={overdue.reload} />}
        {overdue.state === 'ready' && overdue.data.length === 0 && <p>{t('reporting.noOverdue')}</p>}
        {overdue.state === 'ready' && overdue.data.length > 0 && (
          <ul className="overdue">
            {overdue.data.map((o) => (
              <OverdueItem key={o._id} obligation={o} name={units.get(o.unitCode) ?? o.unitCode} provinceCode={province} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function OverdueItem({ obligation, name, provinceCode }: { obligation: Obligation; name: string; provinceCode: string }) {
  const { t, language } = useI18n();
  const [state, setState] = useState<'idle' | 'sent' | { error: unknown }>('idle');
  const days = Math.max(0, Math.floor((Date.now() - new Date(`${obligation.deadline}T17:00:00+07:00`).getTime()) / DAY_MS));
  const remind = async () => {
    try {
      await postJson('notifications', '/api/v1/reminders/send-now', { provinceCode, unitCode: obligation.unitCode, formCode: obligation.formCode, period: obligation.period });
      setState('sent');
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <li>
      <span>
        <strong>{name}</strong> – {periodLabel(obligation.period, language)} – {t('reporting.daysLate', { days })}
      </span>
      <button type="button" onClick={() => void remind()} disabled={state === 'sent'}>
        {state === 'sent' ? t('reporting.reminded') : t('reporting.remind')}
      </button>
      {typeof state === 'object' && <ServiceNotice error={state.error} />}
    </li>
  );
}
