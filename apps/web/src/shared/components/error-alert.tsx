import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** Shows a failed request: the API's localised message, plus the request id for support. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert color="red" variant="light" role="alert" title={title ?? t('common.error')}>
      <Text size="sm">{message}</Text>
      {requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('common.requestId', { id: requestId })}
        </Text>
      )}
    </Alert>
  );
}

/** A polite confirmation after a successful change. */
export function SuccessNotice({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return (
    <Alert color="green" variant="light" role="status">
      {children}
    </Alert>
  );
}
