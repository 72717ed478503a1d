import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title ("ページ | 庁内リソース予約") so each screen is announced by name. */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const appName = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} | ${appName}` : appName;
  }, [title, appName]);
}
