import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert';
import { AppModal } from './app-modal';

/** A modal asking to confirm a destructive action; stays open with the API's message on failure. */
export function ConfirmDialog(props: {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  pending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <AppModal opened={props.opened} onClose={props.onClose} title={props.title}>
      <Stack>
        <Text>{props.message}</Text>
        {props.error ? <ErrorAlert error={props.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={props.onConfirm} loading={props.pending}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
