import { Comparison, Progress, TargetStatus } from './target';

type Language = 'vi' | 'en';

// The words the provinces' reports use ("đạt", "không đạt") for what a scorecard decides.
const STATUS: Record<TargetStatus, Record<Language, string>> = {
  achieved: { vi: 'Đạt', en: 'Achieved' },
  'not-achieved': { vi: 'Không đạt', en: 'Not achieved' },
  'not-measurable': { vi: 'Không đánh giá được', en: 'Not measurable' },
};

const PROGRESS: Record<Progress, Record<Language, string>> = {
  'on-track': { vi: 'Đúng tiến độ', en: 'On track' },
  'at-risk': { vi: 'Có nguy cơ không đạt', en: 'At risk' },
};

const COMPARISON: Record<Comparison, Record<Language, string>> = {
  'at-least': { vi: 'Tối thiểu', en: 'At least' },
  'at-most': { vi: 'Tối đa', en: 'At most' },
  done: { vi: 'Hoàn thành', en: 'Done' },
};

export function targetStatusLabel(status: TargetStatus, language: Language): string {
  return STATUS[status][language];
}

export function progressLabel(progress: Progress, language: Language): string {
  return PROGRESS[progress][language];
}

export function comparisonLabel(comparison: Comparison, language: Language): string {
  return COMPARISON[comparison][language];
}
