import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Driver } from '@rr/contracts';
import { useDrivers, useSetDriverApproval, type DriverFilterName } from '../../api/cars.api';
import { PageHeader } from '../../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { ConfirmDialog } from '../../../../shared/components/confirm-dialog';
import { Pager } from '../../../../shared/components/pager';
import { useLang } from '../../../../shared/hooks/use-lang';
import { formatDate } from '../../../../shared/time/tokyo';

const PAGE_SIZE = 50;
const FILTERS: DriverFilterName[] = ['expiring_soon', 'expired', 'unapproved', 'eligible'];

/** 運転者: the driver register, filtered by 期限切れ間近 / 期限切れ / 未承認, with approve and revoke. */
export function AdminDriversPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [filter, setFilter] = useState<DriverFilterName | ''>('');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const drivers = useDrivers({ filter: filter || undefined, q: query || undefined, limit: PAGE_SIZE, offset });
  const approval = useSetDriverApproval();
  const [revoking, setRevoking] = useState<Driver | null>(null);
  const [notice, setNotice] = useState('');

  const approve = (d: Driver) =>
    approval.mutate(
      { userId: d.userId, approve: true },
      { onSuccess: () => setNotice(t('cars.admin.drivers.approved', { name: d.displayName })) },
    );

  return (
    <Stack>
      <PageHeader title={t('cars.admin.drivers.title')} description={t('cars.admin.drivers.lead')} />
      <SuccessNotice>{notice}</SuccessNotice>
      <form
        role="search"
        aria-label={t('cars.admin.drivers.searchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setQuery(q.trim());
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('cars.admin.drivers.filter')}
            value={filter}
            onChange={(e) => {
              setOffset(0);
              setFilter(e.currentTarget.value as DriverFilterName | '');
            }}
            data={[{ value: '', label: t('common.all') }, ...FILTERS.map((f) => ({ value: f, label: t(`cars.admin.drivers.filters.${f}`) }))]}
            w={220}
          />
          <TextInput label={t('cars.admin.drivers.query')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maxLength={100} w={300} />
          <Button type="submit">
            {t('common.search')}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={drivers.error ?? (revoking ? null : approval.error)} />
      {drivers.isPending && <LoadingState />}
      {drivers.data && (
        <>
          <Table.ScrollContainer minWidth={880}>
            <Table captionSide="top" striped verticalSpacing="sm" aria-busy={drivers.isFetching}>
              <Table.Caption>{t('cars.admin.drivers.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cars.admin.drivers.name')}</Table.Th>
                  <Table.Th scope="col">{t('cars.admin.drivers.section')}</Table.Th>
                  <Table.Th scope="col">{t('cars.driver.licenceExpiresOn')}</Table.Th>
                  <Table.Th scope="col">{t('cars.driver.licenceConditions')}</Table.Th>
                  <Table.Th scope="col">{t('cars.driver.approval')}</Table.Th>
                  <Table.Th scope="col">{t('cars.admin.drivers.eligibility')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {drivers.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Text c="dimmed">{t('cars.admin.drivers.none')}</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {drivers.data.items.map((d) => {
                  const e = d.eligibility;
                  const expired = e.reasons.includes('licence_expired');
                  return (
                    <Table.Tr key={d.userId}>
                      <Table.Th scope="row" fw={600}>
                        {d.displayName}
                        <Text size="xs" c="dimmed" fw={400}>
                          {d.employeeNumber}
                        </Text>
                      </Table.Th>
                      <Table.Td>{d.sectionName}</Table.Td>
                      <Table.Td>
                        <Text size="sm" className="nowrap">
                          {formatDate(d.licenceExpiresOn, lang)}
                        </Text>
                        {e.daysUntilExpiry !== null && (expired || e.warning) && (
                          <Badge color={expired ? 'red' : 'yellow'} variant="light" className="car-badge" mt={4}>
                            {expired ? t('cars.admin.drivers.filters.expired') : t('cars.driver.daysLeft', { days: e.daysUntilExpiry })}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{d.licenceConditions.join('、') || '—'}</Table.Td>
                      <Table.Td>
                        <Badge color={d.approved ? 'green' : 'orange'} variant="light" className="car-badge">
                          {d.approved ? t('cars.admin.drivers.isApproved') : t('cars.admin.drivers.filters.unapproved')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {e.eligible ? (
                          <Text size="sm">{t('cars.admin.drivers.canDrive')}</Text>
                        ) : (
                          <Text size="sm" c="red.9">
                            {e.reasons.map((r) => t(`cars.reasonsShort.${r}`)).join('、')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {d.approved ? (
                          <Button
                            size="sm"
                            variant="outline"
                            color="red"
                            onClick={() => {
                              approval.reset();
                              setRevoking(d);
                            }}
                            aria-label={t('cars.admin.drivers.revokeItem', { name: d.displayName })}
                          >
                            {t('cars.admin.drivers.revoke')}
                          </Button>
                        ) : (
                          <Button size="sm" onClick={() => approve(d)} loading={approval.isPending && approval.variables?.userId === d.userId} aria-label={t('cars.admin.drivers.approveItem', { name: d.displayName })}>
                            {t('cars.admin.drivers.approve')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={drivers.data.total} limit={PAGE_SIZE} offset={offset} onOffsetChange={setOffset} />
        </>
      )}
      <ConfirmDialog
        opened={revoking !== null}
        title={t('cars.admin.drivers.revokeTitle')}
        message={t('cars.admin.drivers.revokeMessage', { name: revoking?.displayName ?? '' })}
        confirmLabel={t('cars.admin.drivers.revoke')}
        pending={approval.isPending}
        error={approval.error}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          approval.mutate(
            { userId: revoking.userId, approve: false },
            {
              onSuccess: () => {
                setNotice(t('cars.admin.drivers.revoked', { name: revoking.displayName }));
                setRevoking(null);
              },
            },
          )
        }
      />
    </Stack>
  );
}
