import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';

/** Letters a Vietnamese document cannot do without, checked in every font before it is used. */
const VIETNAMESE = 'ĂăÂâĐđÊêÔôƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ–';

// Liberation Serif has Times New Roman's metrics; DejaVu Serif is the fallback Debian always has.
const CANDIDATES: Array<{ regular: string; bold: string }> = [
  { regular: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf', bold: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf', bold: '/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf' },
];

export interface PdfFonts {
  regular: string;
  bold: string;
}

/** The characters of `text` a font file has no glyph for. */
export function missingGlyphs(fontFile: string, text = VIETNAMESE): string[] {
  const font = fontkit.openSync(fontFile) as fontkit.Font;
  return [...new Set(text)].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0) ?? 0));
}

/**
 * The fonts to embed: the configured ones, else the first installed candidate. Refuses a font
 * that lacks Vietnamese letters, since a PDF with boxes for "ạ" or "ữ" cannot be circulated.
 */
export function resolvePdfFonts(configured: { regular?: string; bold?: string }): PdfFonts {
  const chosen = configured.regular
    ? { regular: configured.regular, bold: configured.bold ?? configured.regular }
    : CANDIDATES.find((c) => existsSync(c.regular) && existsSync(c.bold));
  if (!chosen) throw new Error(`no font for PDFs: set PDF_FONT, or install fonts-liberation2 (looked in ${CANDIDATES.map((c) => c.regular).join(', ')})`);
  for (const file of [chosen.regular, chosen.bold]) {
    if (!existsSync(file)) throw new Error(`PDF font ${file} does not exist`);
    const missing = missingGlyphs(file);
    if (missing.length > 0) throw new Error(`PDF font ${file} has no glyph for ${missing.join(' ')}: choose a font with Vietnamese letters`);
  }
  return chosen;
}
