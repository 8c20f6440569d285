import { existsSync } from 'node:fs';
import { missingGlyphs, resolvePdfFonts } from './pdf-fonts';

const LIBERATION = '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf';
const DEJAVU_MONO = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';

describe('PDF fonts', () => {
  it('finds an installed font with every Vietnamese letter (the infrastructure script installs Liberation)', () => {
    const fonts = resolvePdfFonts({});
    expect(existsSync(fonts.regular) && existsSync(fonts.bold)).toBe(true);
    expect(missingGlyphs(fonts.regular)).toEqual([]);
  });

  it('names the letters a font lacks, and refuses it: DejaVu Sans Mono has no ả, ấ, ổ…', () => {
    expect(missingGlyphs(LIBERATION, 'Lạng Sơn 𝄞')).toEqual(['𝄞']);
    expect(missingGlyphs(DEJAVU_MONO)).toEqual(expect.arrayContaining(['ả', 'Ấ', 'ổ', 'ỷ']));
    expect(() => resolvePdfFonts({ regular: DEJAVU_MONO })).toThrow(/DejaVuSansMono.ttf has no glyph for .*ả.*: choose a font with Vietnamese letters/);
    expect(() => resolvePdfFonts({ regular: '/nowhere/font.ttf' })).toThrow('PDF font /nowhere/font.ttf does not exist');
  });

  it('accepts a configured font that holds Vietnamese, bold falling back to regular', () => {
    expect(resolvePdfFonts({ regular: LIBERATION })).toEqual({ regular: LIBERATION, bold: LIBERATION });
  });
});
