import { useEffect, useMemo } from 'react';
import { getJson } from '../api';
import { ExportPanel } from '../components/export-panel';
import { ScrollArea } from '../components/scroll-area';
import { ServiceNotice } from '../components/service-notice';
import { formatChange, formatValue } from '../format-value';
import { MessageKey, useI18n } from '../i18n/i18n';
import { Session } from '../session';
import { IndicatorDefinition, Programme, Scorecard, StatusCounts } from '../types';
import { useData } from '../use-data';

export interface Selection {
  programme?: string;
  period?: string;
}

/** The programme's scorecard for a period: per pillar the counts and a bar, then each target. */
export function OverviewView({ session, selection, onSelect }: { session: Session; selection: Selection; onSelect: (s: Selection) => void }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const province = session.provinceCode;
  const programmes = useData(() => getJson<Programme[]>('indicators', `/api/v1/programmes/${province}`), [province]);
  const catalog = useData(() => getJson<IndicatorDefinition[]>('indicators', `/api/v1/indicators/${province}`), [province]);
  const list = programmes.state === 'ready' ? programmes.data : [];
  const programme = list.find((p) => p.code === selection.programme) ?? list[0];
  const years = useMemo(() => [...new Set((programme?.targets ?? []).map((x) => x.year))].sort((a, b) => b - a), [programme]);
  const period = selection.period && years.includes(Number(selection.period)) ? selection.period : years.length > 0 ? String(years[0]) : undefined;
  const scorecard = useData(
    () => (programme && period ? getJson<Scorecard>('indicators', `/api/v1/scorecards/${province}/${encodeURIComponent(programme.code)}/${province}/${period}`) : Promise.resolve(undefined)),
    [programme?.code, period],
  );
  // For the first-view measurement: when the scorecard is on the screen.
  useEffect(() => {
    if (scorecard.state === 'ready' && scorecard.data && performance.getEntriesByName('dtp:scorecard-shown').length === 0) performance.mark('dtp:scorecard-shown');
  }, [scorecard.state]);
  const indicators = new Map((catalog.state === 'ready' ? catalog.data : []).map((d) => [d.code, d]));
  const name = (code: string) => {
    const d = indicators.get(code);
    return d ? (language === 'vi' ? d.nameVi : d.nameEn) : code;
  };

  if (programmes.state === 'failed') return <ServiceNotice error={programmes.error} onRetry={programmes.reload} />;
  if (programmes.state === 'loading') return <p aria-busy="true">{t('common.loading')}</p>;
  if (!programme) return <p>{t('overview.noProgramme')}</p>;

  return (
    <>
      <h1>{t('overview.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('common.programme')}
          <select value={programme.code} onChange={(e) => onSelect({ programme: e.target.value })}>
            {list.map((p) => (
              <option key={p.code} value={p.code}>
                {language === 'vi' ? p.nameVi : p.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('common.period')}
          <select value={period} onChange={(e) => onSelect({ programme: programme.code, period: e.target.value })}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </form>
      {scorecard.state === 'failed' && <ServiceNotice error={scorecard.error} onRetry={scorecard.reload} />}
      {scorecard.state === 'loading' && <p aria-busy="true">{t('common.loading')}</p>}
      {scorecard.state === 'ready' && scorecard.data && (
        <>
          <p className="summary" data-testid="overall-summary">
            {t('overview.summary', { achieved: scorecard.data.overall.achieved, total: scorecard.data.overall.total })}
          </p>
          {scorecard.data.provisionalNote && (
            <p className="provisional-note" data-testid="provisional-note">
              {language === 'vi' ? scorecard.data.provisionalNote.vi : scorecard.data.provisionalNote.en}
            </p>
          )}
          <section aria-labelledby="pillars-title">
            <h2 id="pillars-title">{t('overview.pillars')}</h2>
            <ul className="pillars">
              {scorecard.data.pillars.map((p) => (
                <li key={p.pillar} className="card pillar" data-testid={`pillar-${p.pillar}`}>
                  <h3>{language === 'vi' ? p.nameVi : p.nameEn}</h3>
                  <PillarCounts counts={p.counts} />
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="targets-title">
            <h2 id="targets-title">{t('overview.targets')}</h2>
            <ScrollArea label={t('overview.targets')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('table.indicator')}</th>
                    <th scope="col">{t('table.status')}</th>
                    <th scope="col" className="num">{t('table.value')}</th>
                    <th scope="col" className="num">{t('table.target')}</th>
                    <th scope="col" className="num">{t('table.gap')}</th>
                    <th scope="col" className="num">{t('table.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {scorecard.data.targets.map((x) => {
                    const d = indicators.get(x.indicatorCode);
                    return (
                      <tr key={x.indicatorCode}>
                        <th scope="row">
                          <a href={`#/indicator/${encodeURIComponent(x.indicatorCode)}?programme=${encodeURIComponent(programme.code)}&period=${period}`}>{name(x.indicatorCode)}</a>
                        </th>
                        <td>
                          <span className={`status status-${x.status}`}>{t(`status.${x.status}` as MessageKey)}</span>
                          {x.progress === 'at-risk' && <span className="status status-at-risk">{t('progress.at-risk')}</span>}
                        </td>
                        <td className="num">{formatValue(i18n, x.actual, d)}</td>
                        <td className="num">{formatValue(i18n, x.target, d)}</td>
                        <td className="num">{formatChange(i18n, x.gap, d)}</td>
                        <td className="num">{formatChange(i18n, x.change, d)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollArea>
          </section>
          <ExportPanel request={{ kind: 'scorecard', provinceCode: province, programmeCode: programme.code, period }} />
        </>
      )}
    </>
  );
}

function PillarCounts({ counts }: { counts: StatusCounts }) {
  const { t } = useI18n();
  const share = counts.total === 0 ? 0 : (counts.achieved / counts.total) * 100;
  return (
    <>
      <p className="ratio">
        <strong>
          {counts.achieved}/{counts.total}
        </strong>
      </p>
      <div className="bar" role="img" aria-label={t('counts.bar', { achieved: counts.achieved, total: counts.total })}>
        <span style={{ width: `${share}%` }} />
      </div>
      <dl className="counts">
        <div>
          <dt>{t('counts.achieved')}</dt>
          <dd data-testid="count-achieved">{counts.achieved}</dd>
        </div>
        <div>
          <dt>{t('counts.notAchieved')}</dt>
          <dd data-testid="count-not-achieved">{counts.notAchieved}</dd>
        </div>
        <div>
          <dt>{t('counts.notMeasurable')}</dt>
          <dd data-testid="count-not-measurable">{counts.notMeasurable}</dd>
        </div>
        <div>
          <dt>{t('counts.atRisk')}</dt>
          <dd data-testid="count-at-risk">{counts.atRisk}</dd>
        </div>
      </dl>
    </>
  );
}
