import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setLocaleProvider } from '../api/client';
import { en } from './en';
import { ja } from './ja';

export type Lang = 'ja' | 'en';
export const LANGUAGES: readonly Lang[] = ['ja', 'en'];
const STORAGE_KEY = 'rr.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ja };
  }
}

function storedLanguage(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

function applyToDocument(lang: Lang): void {
  document.documentElement.lang = lang;
}

export function currentLang(): Lang {
  return i18n.resolvedLanguage === 'en' || i18n.language === 'en' ? 'en' : 'ja';
}

/** Switches the UI language, remembers it in this browser, and updates <html lang>. */
export async function changeLanguage(lang: Lang): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  await i18n.changeLanguage(lang);
}

export function initI18n(): typeof i18n {
  const lng = storedLanguage();
  void i18n.use(initReactI18next).init({
    resources: { ja: { translation: ja }, en: { translation: en } },
    lng,
    fallbackLng: 'ja',
    supportedLngs: ['ja', 'en'],
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
    initAsync: false,
  });
  applyToDocument(lng);
  i18n.on('languageChanged', (l) => applyToDocument(l === 'en' ? 'en' : 'ja'));
  setLocaleProvider(currentLang);
  return i18n;
}

export { i18n };
