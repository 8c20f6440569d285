import { createContext, useContext } from 'react';
import en from './en.json';
import vi from './vi.json';

export type Language = 'vi' | 'en';
export type MessageKey = keyof typeof vi;

// Both files hold the same keys: the type of `en` is checked against Vietnamese, the source.
const MESSAGES: Record<Language, Record<MessageKey, string>> = { vi, en: en satisfies Record<MessageKey, string> };

export interface Translator {
  language: Language;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  number: (value: number, fractionDigits?: number) => string;
  percent: (ratio: number) => string;
  date: (isoDate: string) => string;
}

/** Vietnamese formats by default (630.485; 86,0 %; 05/12/2024), English ones when switched. */
export function translator(language: Language): Translator {
  const locale = language === 'vi' ? 'vi-VN' : 'en-GB';
  return {
    language,
    t: (key, values = {}) => MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`)),
    number: (value, fractionDigits) => new Intl.NumberFormat(locale, fractionDigits === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value),
    percent: (ratio) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio),
    date: (isoDate) => new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(isoDate.length === 10 ? `${isoDate}T00:00:00+07:00` : isoDate)),
  };
}

export const I18nContext = createContext<Translator>(translator('vi'));

export const useI18n = (): Translator => useContext(I18nContext);
