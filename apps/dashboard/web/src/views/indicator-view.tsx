import { useState } from 'react';
import { getJson } from '../api';
import { ScrollArea } from '../components/scroll-area';
import { ServiceNotice } from '../components/service-notice';
import { TrendChart } from '../components/trend-chart';
import { formatValue } from '../format-value';
import { MessageKey, useI18n } from '../i18n/i18n';
import { Session } from '../session';
import { IndicatorDefinition, Programme, Ranking, Unit } from '../types';
import { useData } from '../use-data';

type SortKey = 'rank' | 'unit' | 'value';
type Level = '' | 'district' | 'commune' | 'department';

/** One indicator: the province over time against the target, and the units ranked, level by level. */
export function IndicatorView({ session, code, programmeCode, period }: { session: Session; code: string; programmeCode?: string; period?: string }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const province = session.provinceCode;
  const [level, setLevel] = useState<Level>('');
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'rank', ascending: true });
  const definition = useData(() => getJson<IndicatorDefinition>('indicators', `/api/v1/indicators/${province}/${encodeURIComponent(code)}`).catch(() => undefined), [code]);
  const programme = useData(() => (programmeCode ? getJson<Programme>('indicators', `/api/v1/programmes/${province}/${encodeURIComponent(programmeCode)}`) : Promise.resolve(undefined)), [programmeCode]);
  const to = period ?? String(new Date().getFullYear() - 1);
  const from = String(Number(to.slice(0, 4)) - 4) + to.slice(4);
  const series = useData(() => getJson<Array<{ period: string; value: number | null; derived?: boolean }>>('indicators', `/api/v1/aggregates/${province}/${encodeURIComponent(code)}?from=${from}&to=${to}`), [code, from, to]);
  const ranking = useData(() => getJson<Ranking>('indicators', `/api/v1/rankings/${province}/${encodeURIComponent(code)}/${to}?pageSize=500${level ? `&level=${level}` : ''}`), [code, to, level]);
  const units = useData(() => getJson<Unit[]>('indicators', '/api/v1/units'), []);
  const d = definition.state === 'ready' ? definition.data : undefined;
  const format = (v: number | null) => formatValue(i18n, v, d);
  const names = new Map((units.state === 'ready' ? units.data : []).map((u) => [u.id, u]));
  const targets = programme.state === 'ready' && programme.data ? programme.data.targets.filter((x) => x.indicatorCode === code) : [];
  const title = d ? (language === 'vi' ? d.nameVi : d.nameEn) : code;

  const rows = ranking.state === 'ready' ? [...ranking.data.items] : [];
  const direction = sort.ascending ? 1 : -1;
  rows.sort((a, b) => {
    if (sort.key === 'unit') return direction * (names.get(a.unitCode)?.name ?? a.unitCode).localeCompare(names.get(b.unitCode)?.name ?? b.unitCode, language);
    const va = sort.key === 'rank' ? a.rank : a.value;
    const vb = sort.key === 'rank' ? b.rank : b.value;
    // Units without a value go last whichever way the column is sorted.
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    return direction * (va - vb);
  });
  const header = (key: SortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={numeric ? 'num' : undefined} aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
        <button type="button" className="sort" onClick={() => setSort({ key, ascending: active ? !sort.ascending : true })} aria-label={t('table.sortBy', { column: label })}>
          {label} <span aria-hidden="true">{active ? (sort.ascending ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <p>
        <a href={`#/overview?programme=${encodeURIComponent(programmeCode ?? '')}&period=${to}`}>{t('indicator.back')}</a>
      </p>
      <h1>{title}</h1>
      <section aria-labelledby="trend-title" className="card">
        <h2 id="trend-title">{t('indicator.trend')}</h2>
        {series.state === 'failed' && <ServiceNotice error={series.error} onRetry={series.reload} />}
        {series.state === 'ready' && (
          <TrendChart title={`${title}, ${from}–${to}`} format={format} points={series.data.map((p) => ({ period: p.period, value: p.value, derived: p.derived === true, target: targets.find((x) => String(x.year) === p.period.slice(0, 4))?.value ?? null }))} />
        )}
      </section>
      <section aria-labelledby="ranking-title" className="card">
        <h2 id="ranking-title">
          {t('indicator.ranking')} – {to}
        </h2>
        <label>
          {t('indicator.level')}
          <select value={level} onChange={(e) => setLevel(e.target.value as Level)}>
            {(['', 'district', 'commune', 'department'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`indicator.level.${l || 'all'}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {ranking.state === 'failed' && <ServiceNotice error={ranking.error} onRetry={ranking.reload} />}
        {ranking.state === 'ready' && rows.length === 0 && <p>{t('indicator.noLevel')}</p>}
        {ranking.state === 'ready' && rows.length > 0 && (
          <ScrollArea label={t('indicator.ranking')}>
            <table data-testid="ranking">
              <thead>
                <tr>
                  {header('rank', t('table.rank'), true)}
                  {header('unit', t('table.unit'))}
                  <th scope="col">{t('table.level')}</th>
                  {header('value', t('table.value'), true)}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const unit = names.get(r.unitCode);
                  return (
                    <tr key={r.unitCode}>
                      <td className="num">{r.rank ?? t('common.none')}</td>
                      <th scope="row">{unit?.name ?? r.unitCode}</th>
                      <td>{unit ? t(`indicator.level.${unit.level}` as MessageKey) : ''}</td>
                      <td className="num">{format(r.value)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
    </>
  );
}
