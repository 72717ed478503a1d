import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Switch, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createRoomSchema, roomTypeSchema, updateRoomSchema, type Room, type RoomEquipment, type RoomTypeName } from '@rr/contracts';
import { useDeleteRoom, useRooms, useSaveRoom } from '../../api/rooms.api';
import { EquipmentBadges, roomLocation } from '../badges';
import { EQUIPMENT, floorLabel, hhmmToMinute, quarterHours } from '../../lib/room-time';
import { DataTable } from '../../../../shared/components/data-table';
import { ConfirmDialog } from '../../../../shared/components/confirm-dialog';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { PageHeader } from '../../../../shared/components/page-header';
import { validateWith, type FieldErrors } from '../../../../shared/forms/validate';
import { useLang } from '../../../../shared/hooks/use-lang';
import { AppModal } from '../../../../shared/components/app-modal';

const HOURS = quarterHours(0, 24 * 60);

interface RoomDraft {
  building: string;
  floor: number | string;
  zoneCode: string;
  type: RoomTypeName;
  name: string;
  capacity: number | string;
  equipment: RoomEquipment[];
  bookableFrom: string;
  bookableUntil: string;
  maxDurationMinutes: number | string;
  horizonMonths: number | string;
  highDemand: boolean;
  notes: string;
  active: boolean;
}

function draftOf(room: Room | null): RoomDraft {
  return {
    building: room?.building ?? '本庁舎',
    floor: room?.floor ?? 3,
    zoneCode: room?.zoneCode ?? '',
    type: room?.type ?? 'meeting_room',
    name: room?.name ?? '',
    capacity: room?.capacity ?? 6,
    equipment: room?.equipment ?? [],
    bookableFrom: room?.bookableFrom ?? '08:00',
    bookableUntil: room?.bookableUntil ?? '20:00',
    maxDurationMinutes: room?.maxDurationMinutes ?? 240,
    horizonMonths: room?.horizonMonths ?? 3,
    highDemand: room?.highDemand ?? false,
    notes: room?.notes ?? '',
    active: room?.active ?? true,
  };
}

function RoomForm({ initial, onDone }: { initial: Room | null; onDone: (room: Room) => void }) {
  const { t } = useTranslation();
  const save = useSaveRoom();
  const [v, setV] = useState<RoomDraft>(() => draftOf(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof RoomDraft>(key: K, value: RoomDraft[K]) => setV((x) => ({ ...x, [key]: value }));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = {
      ...v,
      floor: Number(v.floor),
      capacity: Number(v.capacity),
      maxDurationMinutes: Number(v.maxDurationMinutes),
      horizonMonths: Number(v.horizonMonths),
    };
    const result = validateWith(
      initial ? updateRoomSchema : createRoomSchema,
      body,
      {
        building: t('rooms.admin.rooms.errors.building'),
        floor: t('rooms.admin.rooms.errors.floor'),
        zoneCode: t('rooms.admin.rooms.errors.zone'),
        name: t('rooms.admin.rooms.errors.name'),
        capacity: t('rooms.admin.rooms.errors.capacity'),
        maxDurationMinutes: t('rooms.admin.rooms.errors.maxDuration'),
        horizonMonths: t('rooms.admin.rooms.errors.horizon'),
        notes: t('validation.tooLong', { max: 1000 }),
      },
      t('validation.invalid'),
    );
    const all: FieldErrors = { ...(result.errors ?? {}) };
    if (hhmmToMinute(v.bookableUntil) <= hhmmToMinute(v.bookableFrom)) all.bookableUntil = t('rooms.admin.rooms.errors.hours');
    setErrors(all);
    if (Object.keys(all).length > 0 || !result.data) return;
    save.mutate({ id: initial?.id, body: result.data }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('rooms.admin.rooms.name')} required maxLength={100} value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} />
          <NativeSelect
            label={t('rooms.admin.rooms.type')}
            value={v.type}
            onChange={(e) => set('type', e.currentTarget.value as RoomTypeName)}
            data={roomTypeSchema.options.map((x) => ({ value: x, label: t(`rooms.type.${x}`) }))}
          />
          <TextInput label={t('rooms.admin.rooms.building')} required maxLength={100} value={v.building} onChange={(e) => set('building', e.currentTarget.value)} error={errors.building} />
          <NumberInput hideControls label={t('rooms.admin.rooms.floor')} required min={-9} max={99} allowDecimal={false} value={v.floor} onChange={(x) => set('floor', x)} error={errors.floor} description={t('rooms.admin.rooms.floorHelp')} />
          <TextInput label={t('rooms.admin.rooms.zone')} required maxLength={32} value={v.zoneCode} onChange={(e) => set('zoneCode', e.currentTarget.value)} error={errors.zoneCode} description={t('rooms.admin.rooms.zoneHelp')} />
          <NumberInput hideControls label={t('rooms.admin.rooms.capacity')} required min={1} max={500} allowDecimal={false} allowNegative={false} value={v.capacity} onChange={(x) => set('capacity', x)} error={errors.capacity} />
        </SimpleGrid>
        <Checkbox.Group label={t('rooms.admin.rooms.equipment')} value={v.equipment} onChange={(x) => set('equipment', x as RoomEquipment[])}>
          <Group gap="lg" mt={4} className="room-equipment">
            {EQUIPMENT.map((x) => (
              <Checkbox key={x} size="md" value={x} label={t(`rooms.equipment.${x}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label={t('rooms.admin.rooms.bookableFrom')} value={v.bookableFrom} onChange={(e) => set('bookableFrom', e.currentTarget.value)} data={HOURS.slice(0, -1)} />
          <NativeSelect label={t('rooms.admin.rooms.bookableUntil')} value={v.bookableUntil} onChange={(e) => set('bookableUntil', e.currentTarget.value)} data={HOURS.slice(1)} error={errors.bookableUntil} />
          <NumberInput
            hideControls
            label={t('rooms.admin.rooms.maxDuration')}
            min={15}
            max={1440}
            step={15}
            allowDecimal={false}
            allowNegative={false}
            value={v.maxDurationMinutes}
            onChange={(x) => set('maxDurationMinutes', x)}
            error={errors.maxDurationMinutes}
            description={t('rooms.admin.rooms.maxDurationHelp')}
          />
          <NumberInput
            hideControls
            label={t('rooms.admin.rooms.horizon')}
            min={1}
            max={12}
            allowDecimal={false}
            allowNegative={false}
            value={v.horizonMonths}
            onChange={(x) => set('horizonMonths', x)}
            error={errors.horizonMonths}
            description={t('rooms.admin.rooms.horizonHelp')}
          />
        </SimpleGrid>
        <Switch size="md" label={t('rooms.admin.rooms.highDemand')} description={t('rooms.admin.rooms.highDemandHelp')} checked={v.highDemand} onChange={(e) => set('highDemand', e.currentTarget.checked)} />
        <Switch size="md" label={t('rooms.admin.rooms.active')} description={t('rooms.admin.rooms.activeHelp')} checked={v.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        <Textarea label={t('rooms.notes')} maxLength={1000} autosize minRows={2} value={v.notes} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.notes} />
        {Object.keys(errors).length > 0 && (
          <Text c="red.9" fw={600} role="alert">
            {t('validation.invalid')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** 会議室の管理: the register of rooms and their booking rules; deactivate rather than delete. */
export function AdminRoomsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [includeInactive, setIncludeInactive] = useState(true);
  const rooms = useRooms({ includeInactive });
  const save = useSaveRoom();
  const remove = useDeleteRoom();
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Room | null>(null);
  const [notice, setNotice] = useState('');
  const rows = [...(rooms.data ?? [])].sort((a, b) => (a.building === b.building ? (a.floor === b.floor ? (a.name < b.name ? -1 : 1) : a.floor - b.floor) : a.building < b.building ? -1 : 1));

  const setActive = (room: Room, active: boolean) =>
    save.mutate(
      { id: room.id, body: { active } },
      { onSuccess: (r) => setNotice(t(active ? 'rooms.admin.rooms.activated' : 'rooms.admin.rooms.deactivated', { name: r.name })) },
    );

  return (
    <Stack>
      <PageHeader title={t('rooms.admin.rooms.title')} description={t('rooms.admin.rooms.lead')} actions={<Button onClick={() => setEditing('new')}>{t('rooms.admin.rooms.add')}</Button>} />
      <SuccessNotice>{notice}</SuccessNotice>
      <Switch size="md" label={t('rooms.admin.rooms.showInactive')} checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} />
      <ErrorAlert error={rooms.error ?? save.error} />
      {rooms.isPending && <LoadingState />}
      {rooms.data && (
        <DataTable
          caption={t('rooms.admin.rooms.caption', { count: rows.length })}
          columns={[t('rooms.room'), t('rooms.location'), t('rooms.search.capacity'), t('rooms.search.equipment'), t('rooms.admin.rooms.rules'), t('rooms.admin.rooms.status'), t('common.actions')]}
          minWidth={1080}
          empty={t('common.empty')}
          isEmpty={rows.length === 0}
          busy={rooms.isFetching}
        >
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Th scope="row">
                <Text fw={700}>{r.name}</Text>
                <Text size="xs" c="dimmed">
                  {t(`rooms.type.${r.type}`)}
                </Text>
              </Table.Th>
              <Table.Td>
                {roomLocation(r, lang)}
                <Text size="xs" c="dimmed">
                  {t('rooms.zone', { zone: r.zoneCode })}
                </Text>
              </Table.Td>
              <Table.Td className="nowrap">{t('rooms.capacity', { n: r.capacity })}</Table.Td>
              <Table.Td>
                <EquipmentBadges equipment={r.equipment} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t('rooms.admin.rooms.rulesText', { from: r.bookableFrom, until: r.bookableUntil, hours: r.maxDurationMinutes / 60, months: r.horizonMonths })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge color={r.active ? 'green' : 'gray'} variant="light" className="room-badge">
                    {r.active ? t('rooms.admin.rooms.statusActive') : t('rooms.admin.rooms.statusInactive')}
                  </Badge>
                  {r.highDemand && (
                    <Badge color="grape" variant="light" className="room-badge">
                      {t('rooms.admin.rooms.highDemandBadge')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="sm" variant="default" onClick={() => setEditing(r)} aria-label={t('common.editItem', { name: r.name })}>
                    {t('common.edit')}
                  </Button>
                  <Button size="sm" variant="default" component={Link} to={`/rooms/admin/rooms/${r.id}/qr`} aria-label={t('rooms.qr.item', { name: r.name })}>
                    {t('rooms.qr.button')}
                  </Button>
                  <Button size="sm" variant="outline" onClick={() => setActive(r, !r.active)} aria-label={t(r.active ? 'rooms.admin.rooms.deactivateItem' : 'rooms.admin.rooms.activateItem', { name: r.name })}>
                    {r.active ? t('rooms.admin.rooms.deactivate') : t('rooms.admin.rooms.activate')}
                  </Button>
                  <Button
                    size="sm"
                    variant="outline"
                    color="red"
                    onClick={() => {
                      remove.reset();
                      setDeleting(r);
                    }}
                    aria-label={t('common.deleteItem', { name: r.name })}
                  >
                    {t('common.delete')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('rooms.admin.rooms.add') : t('rooms.admin.rooms.edit')}
        size="lg"
      >
        {editing !== null && (
          <RoomForm
            initial={editing === 'new' ? null : editing}
            onDone={(r) => {
              setNotice(t('common.saved', { name: r.name }));
              setEditing(null);
            }}
          />
        )}
      </AppModal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('rooms.admin.rooms.delete')}
        message={deleting ? t('rooms.admin.rooms.confirmDelete', { name: deleting.name, location: `${deleting.building} ${floorLabel(deleting.floor, lang)}` }) : ''}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setNotice(t('common.deleted', { name: deleting.name }));
              setDeleting(null);
            },
          })
        }
      />
    </Stack>
  );
}
