import { englishWords, repeatedWords, vietnameseHalf, vietnameseTextFindings } from './vietnamese-text';

describe('the check of a Vietnamese text', () => {
  it('finds the defects already shipped once: a kind code, a word said twice, English in messageVi', () => {
    expect(englishWords('biểu mẫu F1 báo cáo theo kỳ month')).toEqual(['month']);
    expect(repeatedWords('[Quá hạn] Báo cáo chuyển đổi số quý quý IV năm 2024')).toEqual(['quý quý']);
    // An English sentence handed over as messageVi is caught by its common words.
    expect(englishWords('units must have a valid parent on their start date')).toEqual(['units', 'must', 'have', 'their']);
    expect(vietnameseTextFindings('thao tác này cần vai trò reviewer').map((f) => f.word)).toEqual(['reviewer']);
    expect(vietnameseTextFindings('Đơn vị cấp commune, trạng thái not-achieved').map((f) => f.word)).toEqual(['commune', 'not-achieved']);
    expect(vietnameseTextFindings('hạn nộp ngày ngày 20/12/2024').map((f) => f.word)).toEqual(['ngày ngày']);
  });

  it('leaves Vietnamese words without diacritics alone: "tin", "an", "to", "do", "in", "con", "cho", "theo"', () => {
    expect(englishWords('Sở Thông tin và Truyền thông; an toàn thông tin; to lớn; do đơn vị gửi; in được; con số; cho; theo quý')).toEqual([]);
  });

  it('leaves identifiers the reader types alone: fields, paths, URLs, quoted input, acronyms', () => {
    expect(englishWords('values[0].numerator: tử số 9 lớn hơn mẫu số 8')).toEqual([]);
    expect(englishWords('deadline.days: cần số ngày làm việc')).toEqual([]);
    expect(englishWords('values: thiếu chỉ tiêu DVC_TT')).toEqual([]);
    expect(englishWords('cần from=2022&to=2024')).toEqual([]);
    expect(englishWords('"approved" không phải trạng thái hợp lệ')).toEqual([]);
    expect(englishWords('Tải về tại http://127.0.0.1:3104/api/v1/exports/x/file trước ngày 30/11/2026')).toEqual([]);
    expect(englishWords('gửi tệp CSV với Content-Type: text/csv qua API')).toEqual([]);
    expect(englishWords('trường working phải là true hoặc false; cần tham số from và to; thiếu cột scope')).toEqual([]);
  });

  it('keeps the Vietnamese half of a bilingual line, and a line of codes whole', () => {
    expect(vietnameseHalf('[Đã duyệt] Báo cáo quý IV năm 2024 / Approved: Quarterly report Q4 2024')).toBe('[Đã duyệt] Báo cáo quý IV năm 2024');
    expect(vietnameseTextFindings('Mã chỉ tiêu / Code')).toEqual([]);
    expect(vietnameseHalf('approved / returned')).toBe('approved / returned');
  });

  it('tells a word said twice from a word followed by its compound ("chỉ tiêu" after "số liệu")', () => {
    expect(repeatedWords('Kỳ kỳ báo cáo')).toEqual(['Kỳ kỳ']);
    expect(repeatedWords('số liệu chỉ tiêu tỷ lệ; 630.485 / 732.908')).toEqual([]);
    expect(repeatedWords('lần 2 2')).toEqual([]);
    expect(repeatedWords('Báo cáo tháng 9 tháng năm 2025')).toEqual([]);
    expect(repeatedWords('Báo cáo hằng quý – quý IV năm 2024; quý, quý')).toEqual([]);
    expect(repeatedWords('gửi báo cáo "quý quý IV" (quý quý)')).toEqual(['quý quý', 'quý quý']);
  });
});
