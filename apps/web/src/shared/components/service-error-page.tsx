import { Button, Center, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert';

/** Shown when the API cannot be reached at all (so we cannot tell whether the user is signed in). */
export function ServiceErrorPage({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center component="main" id="main" mih="100vh" p="md">
      <Stack maw={520} w="100%">
        <Title order={1} size="h2">
          {t('app.name')}
        </Title>
        <ErrorAlert error={error} title={t('errors.unavailableTitle')} />
        <Button onClick={onRetry}>{t('common.retry')}</Button>
      </Stack>
    </Center>
  );
}
