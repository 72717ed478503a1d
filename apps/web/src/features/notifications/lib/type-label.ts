import { NOTIFICATION_TYPES } from '@rr/contracts';
import type { Lang } from '../../../shared/i18n/i18n';

/**
 * The type's label in the UI language, from the shared catalogue (the same text the API and e-mail
 * use). Imports a value from @rr/contracts: only the lazily loaded notification screens use it.
 */
export function notificationTypeLabel(type: string, lang: Lang): string {
  const info = (NOTIFICATION_TYPES as Record<string, { label: { ja: string; en: string } } | undefined>)[type];
  return info ? info.label[lang] : type;
}
