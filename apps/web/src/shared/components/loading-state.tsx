import { Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LoadingState({ fullPage = false, label }: { fullPage?: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <Center mih={fullPage ? '100vh' : 120} role="status" aria-live="polite">
      <Loader size="md" aria-hidden />
      <Text ml="sm">{label ?? t('common.loading')}</Text>
    </Center>
  );
}
