import { useTranslation } from 'react-i18next';

/** First focusable element on every page: jumps past the header and navigation. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href="#main"
      className="skip-link"
      onClick={(e) => {
        e.preventDefault();
        const main = document.getElementById('main');
        main?.focus();
        main?.scrollIntoView();
      }}
    >
      {t('nav.skip')}
    </a>
  );
}
