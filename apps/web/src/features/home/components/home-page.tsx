import { Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { PageHeader } from '../../../shared/components/page-header';

const CAPABILITIES = [
  { key: 'cars', to: '/cars' },
  { key: 'rooms', to: '/rooms' },
  { key: 'ac', to: '/ac' },
] as const;

export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <Stack>
      <PageHeader title={t('home.greeting', { name: user.displayName })} description={t('home.lead')} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
        {CAPABILITIES.map((c) => (
          <Card key={c.key} withBorder radius="md" padding="lg" component="section" aria-labelledby={`home-${c.key}`}>
            <Stack gap="sm" h="100%">
              <Title order={2} size="h3" id={`home-${c.key}`}>
                {t(`home.${c.key}.title`)}
              </Title>
              <Text style={{ flexGrow: 1 }}>{t(`home.${c.key}.body`)}</Text>
              <Button component={Link} to={c.to} variant="light" fullWidth className="wrap-button">
                {t(`home.${c.key}.action`)}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
