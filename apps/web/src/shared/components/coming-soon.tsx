import { Badge, List, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './page-header';

/** A placeholder for a capability that is still being built: what it will offer. */
export function ComingSoon({ title, lead, items }: { title: string; lead: string; items: string[] }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={title} description={lead} />
      <Paper withBorder p="lg" radius="md">
        <Stack gap="sm">
          <Badge color="orange" variant="light" size="lg" w="fit-content">
            {t('common.comingSoon')}
          </Badge>
          <Text fw={600}>{t('common.comingSoonLead')}</Text>
          <List spacing="xs">
            {items.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        </Stack>
      </Paper>
    </Stack>
  );
}
