// What the exports' streaming writer avoids: the same province-year of raw values (101,280 rows ×
// 15 columns) built as a whole workbook in memory with exceljs. Compare with the growth the scale
// test prints (apps/exports/src/jobs/exports-scale.integration-spec.ts).
//   node --expose-gc tools/bench/xlsx-in-memory.cjs
const ExcelJS = require('exceljs');

(async () => {
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Số liệu');
  for (let r = 0; r < 101_280; r++) {
    sheet.addRow(['U0000', 'U0000', '', 'F', '202501', `IND_${r % 40}`, `IND_${r % 40}`, r * 1.5, 1, 12, null, 'submitted', false, 1, '2025-02-03T00:00:00.000Z']);
  }
  global.gc?.();
  const held = process.memoryUsage().heapUsed - base;
  const file = await workbook.xlsx.writeBuffer();
  const written = process.memoryUsage().heapUsed - base;
  console.log(`rows held: ${(held / 2 ** 20).toFixed(0)} MB; while writing: ${(written / 2 ** 20).toFixed(0)} MB; file ${(file.length / 2 ** 20).toFixed(1)} MB`);
})();
