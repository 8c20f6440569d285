/**
 * The Excel layout of a form, the one the template download produces and the upload reads:
 * sheet "Báo cáo"; B2 the form code, B3 the period, B4 the unit code; from row 7 one indicator
 * per row with its code in column B and its value in E (number), F/G (a ratio's numerator and
 * denominator) or H (a milestone: Có/Không).
 */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET_NAME = 'Báo cáo';
export const CELLS = { formCode: 'B2', period: 'B3', unitCode: 'B4' } as const;
export const HEADER_ROW = 6;
export const FIRST_VALUE_ROW = 7;
export const COLUMNS = { code: 'B', name: 'C', unit: 'D', value: 'E', numerator: 'F', denominator: 'G', done: 'H', comment: 'I' } as const;

export const HEADERS: Record<keyof typeof COLUMNS | 'index', string> = {
  index: 'STT',
  code: 'Mã chỉ tiêu / Code',
  name: 'Tên chỉ tiêu / Indicator',
  unit: 'Đơn vị tính / Unit',
  value: 'Giá trị / Value',
  numerator: 'Tử số / Numerator',
  denominator: 'Mẫu số / Denominator',
  done: 'Đã hoàn thành (Có/Không) / Done',
  comment: 'Ghi chú / Comment',
};
