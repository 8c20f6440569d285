import { useI18n } from '../i18n/i18n';

export interface TrendPoint {
  period: string;
  value: number | null;
  target: number | null;
  /** Before the unit existed: derived from the units it took over in the reform (the series' `derived`). */
  derived?: boolean;
}

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 32 };

/**
 * The value over time against the target, as SVG: a solid line with dots for the value, a dashed
 * line with squares for the target. The figure is described in words and its figures follow as
 * a table, so nothing depends on seeing the lines or telling the colours apart.
 */
export function TrendChart({ points, format, title }: { points: TrendPoint[]; format: (value: number | null) => string; title: string }) {
  const { t } = useI18n();
  const numbers = points.flatMap((p) => [p.value, p.target]).filter((v): v is number => v !== null);
  const max = Math.max(...numbers, 0) * 1.1 || 1;
  const min = Math.min(...numbers, 0);
  const x = (i: number) => PAD.left + (points.length <= 1 ? 0 : (i * (WIDTH - PAD.left - PAD.right)) / (points.length - 1));
  const y = (v: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - (v - min) / (max - min));
  const line = (pick: (p: TrendPoint) => number | null) =>
    points
      .map((p, i) => [i, pick(p)] as const)
      .filter(([, v]) => v !== null)
      .map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v as number).toFixed(1)}`)
      .join(' ');
  // An asterisk on a period, explained once under the chart, marks figures derived from the units before the reform.
  const label = (p: TrendPoint) => (p.derived ? `${p.period}*` : p.period);
  const summary = points.map((p) => `${label(p)}: ${format(p.value)} / ${format(p.target)}`).join('; ');
  return (
    <figure className="chart">
      <figcaption id="trend-caption">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="trend-caption" aria-describedby="trend-summary">
        <desc id="trend-summary">{t('indicator.chartAlt', { summary })}</desc>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(min)} y2={y(min)} className="axis" />
        {[min, (min + max) / 2, max].map((v) => (
          <text key={v} x={PAD.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle" className="tick">
            {format(v)}
          </text>
        ))}
        {points.map((p, i) => (
          <text key={p.period} x={x(i)} y={HEIGHT - 10} textAnchor="middle" className="tick">
            {label(p)}
          </text>
        ))}
        <path d={line((p) => p.target)} className="target-line" />
        <path d={line((p) => p.value)} className="value-line" />
        {points.map((p, i) =>
          p.target === null ? null : <rect key={`t${p.period}`} x={x(i) - 4} y={y(p.target) - 4} width={8} height={8} className="target-point" />,
        )}
        {points.map((p, i) => (p.value === null ? null : <circle key={`v${p.period}`} cx={x(i)} cy={y(p.value)} r={4.5} className="value-point" />))}
      </svg>
      <p className="legend">
        <span className="legend-value">● {t('indicator.series')}</span> <span className="legend-target">■ {t('indicator.trajectory')}</span>
      </p>
      {points.some((p) => p.derived) && <p className="legend">* {t('indicator.derived')}</p>}
      <details>
        <summary>{t('indicator.chartTable')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.period')}</th>
              <th scope="col" className="num">{t('indicator.series')}</th>
              <th scope="col" className="num">{t('indicator.trajectory')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.period}>
                <th scope="row">{label(p)}</th>
                <td className="num">{format(p.value)}</td>
                <td className="num">{format(p.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
