import { UnitLevel, unitLevelLabel } from '../units/org-unit';

/**
 * What an indicator measures and how its values add up the hierarchy:
 * - `count`: a number of things (BTS stations, villages without signal); sums.
 * - `ratio`: numerator / denominator (dossiers digitized 630,485 / 732,908); sums both parts,
 *   then divides, never averages percentages.
 * - `province-percentage`: a percentage only the province has (digital economy share of GRDP,
 *   from the statistics office); not derivable from units.
 * - `rank`: an external rank, lower is better (DTI 6/63); not derivable.
 * - `milestone`: done or not done; aggregates as all, any, or the count of units done.
 * - `index`: a weighted sum of normalised indicators (DTI: score / maximum); computed, see index-score.ts.
 */
export type IndicatorKind = 'count' | 'ratio' | 'province-percentage' | 'rank' | 'milestone' | 'index';
export type Direction = 'higher-is-better' | 'lower-is-better';
export type MilestoneAggregation = 'all' | 'any' | 'count';

export interface IndicatorDefinition {
  code: string;
  nameVi: string;
  nameEn: string;
  unitOfMeasure: string;
  kind: IndicatorKind;
  direction: Direction;
  /** The unit levels that report it; `province` alone for values only the province has. */
  reportedBy: UnitLevel[];
  milestoneAggregation?: MilestoneAggregation;
  /** Bounds beyond the kind's own (a count of communes cannot exceed the communes there are). */
  bounds?: { min?: number; max?: number };
}

export type IndicatorValue = { value: number } | { numerator: number; denominator: number } | { done: boolean };

export interface ValueProblem {
  field: string;
  message: string;
  messageVi: string;
}

const problem = (field: string, message: string, messageVi: string): ValueProblem => ({ field, message, messageVi });

function shapeOf(v: IndicatorValue): 'value' | 'ratio' | 'done' {
  if ('done' in v) return 'done';
  if ('numerator' in v) return 'ratio';
  return 'value';
}

const EXPECTED_SHAPE: Record<IndicatorKind, 'value' | 'ratio' | 'done'> = {
  count: 'value',
  ratio: 'ratio',
  'province-percentage': 'value',
  rank: 'value',
  milestone: 'done',
  index: 'value',
};

/** Every rule a reported value breaks, with the field named, in English and Vietnamese. */
export function validateIndicatorValue(def: IndicatorDefinition, v: IndicatorValue, reporter?: UnitLevel): ValueProblem[] {
  const problems: ValueProblem[] = [];
  if (reporter && !def.reportedBy.includes(reporter)) {
    problems.push(problem('indicatorCode', `${def.code} is not reported by ${reporter} units`, `chỉ tiêu ${def.code} không do cấp ${unitLevelLabel(reporter, 'vi')} báo cáo`));
  }
  const shape = shapeOf(v);
  if (shape !== EXPECTED_SHAPE[def.kind]) {
    const want = { value: 'a number (value)', ratio: 'numerator and denominator', done: 'done or not done' }[EXPECTED_SHAPE[def.kind]];
    const wantVi = { value: 'một số (trường value)', ratio: 'tử số và mẫu số', done: 'đã/chưa hoàn thành' }[EXPECTED_SHAPE[def.kind]];
    return [...problems, problem('value', `${def.code} is a ${def.kind} indicator: give ${want}`, `${def.code}: cần nhập ${wantVi}`)];
  }
  if ('numerator' in v) {
    if (!Number.isFinite(v.numerator) || v.numerator < 0) problems.push(problem('numerator', 'numerator must be a number ≥ 0', 'tử số phải là số không âm'));
    if (!Number.isFinite(v.denominator) || v.denominator < 0) problems.push(problem('denominator', 'denominator must be a number ≥ 0', 'mẫu số phải là số không âm'));
    if (v.numerator > v.denominator) problems.push(problem('numerator', `numerator ${v.numerator} exceeds denominator ${v.denominator}`, `tử số ${v.numerator} lớn hơn mẫu số ${v.denominator}`));
    return problems;
  }
  if ('value' in v) {
    const x = v.value;
    if (!Number.isFinite(x)) return [...problems, problem('value', 'value must be a finite number', 'giá trị phải là số')];
    if (def.kind === 'count' && (x < 0 || !Number.isInteger(x))) problems.push(problem('value', 'a count must be a whole number ≥ 0', 'số lượng phải là số nguyên không âm'));
    if (def.kind === 'rank' && (x < 1 || !Number.isInteger(x))) problems.push(problem('value', 'a rank must be a whole number ≥ 1', 'thứ hạng phải là số nguyên từ 1'));
    if (def.kind === 'province-percentage' && (x < 0 || x > 100)) problems.push(problem('value', 'a percentage must be from 0 to 100', 'tỷ lệ phần trăm phải từ 0 đến 100'));
    if (def.kind === 'index' && (x < 0 || x > 1)) problems.push(problem('value', 'an index score must be from 0 to 1 (score / maximum)', 'điểm chỉ số phải từ 0 đến 1'));
    if (def.bounds?.min !== undefined && x < def.bounds.min) problems.push(problem('value', `value must be ≥ ${def.bounds.min}`, `giá trị phải ≥ ${def.bounds.min}`));
    if (def.bounds?.max !== undefined && x > def.bounds.max) problems.push(problem('value', `value must be ≤ ${def.bounds.max}`, `giá trị phải ≤ ${def.bounds.max}`));
  }
  return problems;
}
