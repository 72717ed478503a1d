import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "1–20 / 143件" plus page buttons, each with a spoken label. */
export function Pager({ total, limit, offset, onOffsetChange }: { total: number; limit: number; offset: number; onOffsetChange: (offset: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" aria-live="polite">
        {t('pager.range', { from, to, total })}
      </Text>
      {pages > 1 && (
        <nav aria-label={t('pager.label')}>
          <Pagination
            total={pages}
            value={page}
            size="lg"
            onChange={(p) => onOffsetChange((p - 1) * limit)}
            getItemProps={(p) => ({ 'aria-label': t('pager.page', { page: p }) })}
            getControlProps={(control) => ({ 'aria-label': t(`pager.${control}`) })}
          />
        </nav>
      )}
    </Group>
  );
}
