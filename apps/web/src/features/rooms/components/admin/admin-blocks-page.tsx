import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createRoomBlockSchema, type RoomBlock, type RoomBlockResult } from '@rr/contracts';
import { useCreateRoomBlock, useDeleteRoomBlock, useRoomBlocks, useRooms } from '../../api/rooms.api';
import { roomLocation } from '../badges';
import { formatRange } from '../../lib/room-time';
import { DataTable } from '../../../../shared/components/data-table';
import { ConfirmDialog } from '../../../../shared/components/confirm-dialog';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { PageHeader } from '../../../../shared/components/page-header';
import { validateWith, type FieldErrors } from '../../../../shared/forms/validate';
import { useLang } from '../../../../shared/hooks/use-lang';
import { formatDateTime, fromTokyoLocalInput, todayInTokyo } from '../../../../shared/time/tokyo';
import { AppModal } from '../../../../shared/components/app-modal';

function isOnGrid(localValue: string): boolean {
  const minute = Number(localValue.slice(14, 16));
  return Number.isFinite(minute) && minute % 15 === 0;
}

function BlockForm({ onDone }: { onDone: (result: RoomBlockResult) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rooms = useRooms();
  const create = useCreateRoomBlock();
  const today = todayInTokyo();
  const [roomId, setRoomId] = useState('');
  const [startsAt, setStartsAt] = useState(`${today}T08:00`);
  const [endsAt, setEndsAt] = useState(`${today}T20:00`);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    const s = fromTokyoLocalInput(startsAt);
    const en = fromTokyoLocalInput(endsAt);
    if (!s) local.startsAt = t('validation.datetime');
    else if (!isOnGrid(startsAt)) local.startsAt = t('rooms.form.errors.grid');
    if (!en) local.endsAt = t('validation.datetime');
    else if (!isOnGrid(endsAt)) local.endsAt = t('rooms.form.errors.grid');
    else if (s && new Date(en) <= new Date(s)) local.endsAt = t('rooms.form.errors.order');
    const result = validateWith(
      createRoomBlockSchema,
      { roomId, startsAt: s ?? '', endsAt: en ?? '', reason },
      { roomId: t('rooms.form.errors.room'), reason: t('rooms.admin.blocks.errors.reason') },
      t('validation.invalid'),
    );
    const all: FieldErrors = { ...(result.errors ?? {}) };
    delete all.startsAt;
    delete all.endsAt;
    Object.assign(all, local);
    setErrors(all);
    if (Object.keys(all).length > 0 || !result.data) return;
    create.mutate(result.data, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={create.error ?? rooms.error} />
        <NativeSelect
          label={t('rooms.room')}
          required
          value={roomId}
          onChange={(e) => setRoomId(e.currentTarget.value)}
          error={errors.roomId}
          data={[{ value: '', label: t('common.choose') }, ...(rooms.data ?? []).map((r) => ({ value: r.id, label: `${r.name}（${roomLocation(r, lang)}）` }))]}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="datetime-local" step={900} label={t('rooms.admin.blocks.startsAt')} required value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} error={errors.startsAt} />
          <TextInput type="datetime-local" step={900} label={t('rooms.admin.blocks.endsAt')} required value={endsAt} onChange={(e) => setEndsAt(e.currentTarget.value)} error={errors.endsAt} />
        </SimpleGrid>
        <TextInput label={t('rooms.admin.blocks.reason')} required maxLength={200} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} description={t('rooms.admin.blocks.reasonHelp')} />
        <Text size="sm" c="dimmed">
          {t('rooms.admin.blocks.affectHelp')}
        </Text>
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The active bookings a new block covers: they stay; General Affairs contacts the organisers. */
function AffectedBookings({ result, onClose }: { result: RoomBlockResult; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const list = result.affectedBookings;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="room-block-result" role="status">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="room-block-result">
            {t('rooms.admin.blocks.resultTitle', { room: result.block.roomName, range: formatRange(result.block.startsAt, result.block.endsAt, lang) })}
          </Title>
          <Button variant="default" size="sm" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
        {list.length === 0 ? (
          <Text>{t('rooms.admin.blocks.noneAffected')}</Text>
        ) : (
          <>
            <Text>{t('rooms.admin.blocks.affectedSummary', { count: list.length })}</Text>
            <Table.ScrollContainer minWidth={600}>
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('rooms.bookings.when')}</Table.Th>
                    <Table.Th scope="col">{t('rooms.bookings.meeting')}</Table.Th>
                    <Table.Th scope="col">{t('rooms.form.organiser')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>{formatRange(b.startsAt, b.endsAt, lang)}</Table.Td>
                      <Table.Td>{b.title}</Table.Td>
                      <Table.Td>{b.organiserName}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** 利用停止: periods a room cannot be booked (工事・点検・庁内行事). */
export function AdminRoomBlocksPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [from, setFrom] = useState(todayInTokyo());
  const blocks = useRoomBlocks({ from: from || undefined });
  const remove = useDeleteRoomBlock();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<RoomBlock | null>(null);
  const [result, setResult] = useState<RoomBlockResult | null>(null);
  const [notice, setNotice] = useState('');
  const rows = [...(blocks.data ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  return (
    <Stack>
      <PageHeader title={t('rooms.admin.blocks.title')} description={t('rooms.admin.blocks.lead')} actions={<Button onClick={() => setAdding(true)}>{t('rooms.admin.blocks.add')}</Button>} />
      <SuccessNotice>{notice}</SuccessNotice>
      {result && <AffectedBookings result={result} onClose={() => setResult(null)} />}
      <TextInput type="date" label={t('rooms.admin.blocks.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={220} />
      <ErrorAlert error={blocks.error} />
      {blocks.isPending && <LoadingState />}
      {blocks.data && (
        <DataTable
          caption={t('rooms.admin.blocks.caption', { count: rows.length })}
          columns={[t('rooms.room'), t('rooms.admin.blocks.period'), t('rooms.admin.blocks.reason'), t('rooms.admin.blocks.createdAt'), t('common.actions')]}
          minWidth={760}
          empty={t('rooms.admin.blocks.none')}
          isEmpty={rows.length === 0}
          busy={blocks.isFetching}
          highlightOnHover={false}
        >
          {rows.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Th scope="row" fw={600}>
                {b.roomName}
              </Table.Th>
              <Table.Td>{formatRange(b.startsAt, b.endsAt, lang)}</Table.Td>
              <Table.Td>{b.reason}</Table.Td>
              <Table.Td className="nowrap">{formatDateTime(b.createdAt, lang)}</Table.Td>
              <Table.Td>
                <Button
                  size="sm"
                  variant="outline"
                  color="red"
                  onClick={() => {
                    remove.reset();
                    setDeleting(b);
                  }}
                  aria-label={t('rooms.admin.blocks.deleteItem', { room: b.roomName, range: formatRange(b.startsAt, b.endsAt, lang) })}
                >
                  {t('common.delete')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <AppModal opened={adding} onClose={() => setAdding(false)} title={t('rooms.admin.blocks.add')} size="lg">
        {adding && (
          <BlockForm
            onDone={(r) => {
              setNotice('');
              setResult(r);
              setAdding(false);
            }}
          />
        )}
      </AppModal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('rooms.admin.blocks.delete')}
        message={deleting ? t('rooms.admin.blocks.confirmDelete', { room: deleting.roomName, range: formatRange(deleting.startsAt, deleting.endsAt, lang) }) : ''}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setResult(null);
              setNotice(t('rooms.admin.blocks.deleted', { room: deleting.roomName }));
              setDeleting(null);
            },
          })
        }
      />
    </Stack>
  );
}
