import { useTranslation } from 'react-i18next';
import type { Lang } from '../i18n/i18n';

/** The current UI language as 'ja' | 'en' (re-renders on change). */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  return (i18n.resolvedLanguage ?? i18n.language) === 'en' ? 'en' : 'ja';
}
