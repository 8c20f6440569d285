import { displayedValue, IndicatorKind, valueDisplayOf } from '@dtp/domain';
import { Translator } from './i18n/i18n';
import { IndicatorDefinition } from './types';

/**
 * A value in its indicator's terms, by the rule the exported files follow too (libs/domain
 * valueDisplayOf): a ratio's 0.8603 as "86,03%", a province-level percentage's 12.52 as
 * "12,52%", a count as "3.294 trạm", a rank as "6".
 */
export function formatValue(i18n: Translator, value: number | null | undefined, indicator: IndicatorDefinition | undefined): string {
  const display = valueDisplayOf(indicator as { kind: IndicatorKind; unitOfMeasure?: string } | undefined);
  const shown = displayedValue(value, display);
  if (shown === null) return i18n.t('common.none');
  const unit = display.unit === '%' ? '%' : display.unit ? ` ${display.unit}` : '';
  return `${i18n.number(shown, display.decimals)}${unit}`;
}

/** A difference in the same terms, signed: between percentages it is in points ("+6,00 điểm %" written "+6,00%" for brevity). */
export function formatChange(i18n: Translator, value: number | null | undefined, indicator: IndicatorDefinition | undefined): string {
  if (value === null || value === undefined) return i18n.t('common.none');
  const text = formatValue(i18n, Math.abs(value), indicator);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
