import { Translator } from './i18n/i18n';
import { IndicatorDefinition, isRatio } from './types';

/** A value in its indicator's terms: 0.8603 of a ratio as "86,0 %", a count as "3.294". */
export function formatValue(i18n: Translator, value: number | null | undefined, indicator: IndicatorDefinition | undefined): string {
  if (value === null || value === undefined) return i18n.t('common.none');
  if (isRatio(indicator)) return i18n.percent(value);
  const unit = indicator?.unitOfMeasure ? ` ${indicator.unitOfMeasure}` : '';
  return `${i18n.number(value)}${unit}`;
}

/** A difference in the same terms, signed: "+6,0 điểm %" is written as "+6,0 %" for brevity. */
export function formatChange(i18n: Translator, value: number | null | undefined, indicator: IndicatorDefinition | undefined): string {
  if (value === null || value === undefined) return i18n.t('common.none');
  const text = formatValue(i18n, Math.abs(value), indicator);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
