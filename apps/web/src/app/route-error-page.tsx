import { Anchor, Button, Center, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Last resort when a screen fails to render or its code cannot be loaded (e.g. after a deploy). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Center component="main" id="main" mih="100vh" p="md">
      <Stack maw={560}>
        <Title order={1} size="h2">
          {notFound ? t('errors.notFoundTitle') : t('errors.crashTitle')}
        </Title>
        <Text role="alert">{notFound ? t('errors.notFoundBody') : t('errors.crashBody')}</Text>
        <Button onClick={() => window.location.reload()} w="fit-content">
          {t('common.reload')}
        </Button>
        <Anchor href="/">{t('errors.backHome')}</Anchor>
      </Stack>
    </Center>
  );
}
