import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './page-header';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('errors.forbiddenTitle')} />
      <Text>{t('errors.forbiddenBody')}</Text>
      <Anchor component={Link} to="/">
        {t('errors.backHome')}
      </Anchor>
    </Stack>
  );
}
