import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Lang } from '../i18n/i18n';
import { useLang } from '../hooks/use-lang';

const OPTIONS: { lang: Lang; label: string }[] = [
  { lang: 'ja', label: '日本語' },
  { lang: 'en', label: 'English' },
];

/** Two toggle buttons, each labelled in its own language so anyone can find theirs. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useLang();
  return (
    <Group gap={4} role="group" aria-label={t('header.language')}>
      {OPTIONS.map((o) => (
        <Button
          key={o.lang}
          lang={o.lang}
          size="sm"
          variant={current === o.lang ? 'filled' : 'default'}
          aria-pressed={current === o.lang}
          onClick={() => void changeLanguage(o.lang)}
        >
          {o.label}
        </Button>
      ))}
    </Group>
  );
}
