/**
 * Numbers as Vietnamese forms write them: `.` groups thousands, `,` marks decimals
 * (`630.485`, `12,52`, `86,0%`). Input that could mean two different numbers is refused rather
 * than guessed, with a message in Vietnamese and English.
 */
export interface ViNumber {
  value: number;
  /** Written with a trailing `%`: `value` is then in percent (86 for `86%`). */
  isPercent: boolean;
}

export class ViNumberError extends Error {
  constructor(readonly input: string, readonly reason: string, readonly reasonVi: string) {
    super(`"${input}" is not a number in Vietnamese format: ${reason}`);
    this.name = 'ViNumberError';
  }
}

const GROUPED_INTEGER = /^\d{1,3}(\.\d{3})+$/;
const PLAIN_INTEGER = /^\d+$/;

export function parseViNumber(input: string): ViNumber {
  let text = input.replace(/[\s\u00a0\u202f]/g, '');
  const fail = (reason: string, reasonVi: string): never => {
    throw new ViNumberError(input, reason, reasonVi);
  };
  if (text === '') fail('it is empty', 'ô trống');
  const isPercent = text.endsWith('%');
  if (isPercent) text = text.slice(0, -1);
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);

  const commas = (text.match(/,/g) ?? []).length;
  if (commas > 1) fail('more than one decimal comma (1,234,567 is written 1.234.567 in Vietnamese)', 'có nhiều hơn một dấu phẩy thập phân (viết 1.234.567)');
  const [integerPart = '', decimals] = text.split(',');
  if (decimals !== undefined && !/^\d+$/.test(decimals)) fail('the digits after the decimal comma are not all digits', 'phần thập phân không phải chữ số');

  if (integerPart.includes('.')) {
    if (!GROUPED_INTEGER.test(integerPart)) {
      fail(
        decimals === undefined && /^\d+\.\d+$/.test(integerPart)
          ? 'a decimal point: write the decimal part after a comma (12,52)'
          : 'thousands must be grouped by three with dots (630.485)',
        decimals === undefined && /^\d+\.\d+$/.test(integerPart) ? 'dùng dấu phẩy cho phần thập phân (12,52)' : 'hàng nghìn phải được nhóm ba chữ số bằng dấu chấm (630.485)',
      );
    }
  } else if (!PLAIN_INTEGER.test(integerPart)) {
    fail('it is not a number', 'không phải là số');
  }
  if (decimals !== undefined && decimals.length === 3 && !integerPart.includes('.') && /^[1-9]\d{0,2}$/.test(integerPart)) {
    // 1,234: a decimal in Vietnamese, a thousand in English. Refuse rather than guess.
    fail(
      `ambiguous: write ${integerPart}.${decimals} for ${integerPart}${decimals}, or ${integerPart},${decimals}0 for the decimal`,
      `không rõ nghĩa: viết ${integerPart}.${decimals} nếu là ${integerPart}${decimals}, hoặc ${integerPart},${decimals}0 nếu là số thập phân`,
    );
  }
  const value = Number(`${integerPart.replaceAll('.', '')}${decimals === undefined ? '' : `.${decimals}`}`);
  return { value: negative ? -value : value, isPercent };
}

export function formatViNumber(value: number, fractionDigits?: number): string {
  return new Intl.NumberFormat('vi-VN', fractionDigits === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** A ratio as a Vietnamese percentage: 0.8602 → "86,0%". */
export function formatViPercent(ratio: number, fractionDigits = 1): string {
  return `${formatViNumber(ratio * 100, fractionDigits)}%`;
}
