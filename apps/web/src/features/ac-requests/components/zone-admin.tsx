import { useState } from 'react';
import { Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AcBuildingDto } from '@rr/contracts';
import { useAcBuildings, useCreateAcBuilding, useCreateAcFloor, useCreateAcZone } from '../api/ac.api';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import './ac.css';

interface HoursDraft {
  on: boolean;
  start: string;
  end: string;
}

/** Normal AC hours of one day type: off, or a start and end (HH:mm, Tokyo wall clock). */
function HoursField({ legend, value, onChange, testId }: { legend: string; value: HoursDraft; onChange: (v: HoursDraft) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="ac-hours-fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      <Stack gap="xs">
        <Checkbox label={t('ac.zones.hoursOn')} checked={value.on} onChange={(e) => onChange({ ...value, on: e.currentTarget.checked })} />
        {value.on && (
          <Group gap="xs" wrap="nowrap">
            <TextInput type="time" label={t('ac.zones.hoursStart')} value={value.start} onChange={(e) => onChange({ ...value, start: e.currentTarget.value })} />
            <TextInput type="time" label={t('ac.zones.hoursEnd')} value={value.end} onChange={(e) => onChange({ ...value, end: e.currentTarget.value })} />
          </Group>
        )}
      </Stack>
    </fieldset>
  );
}

const hoursOf = (h: HoursDraft) => (h.on ? { start: h.start, end: h.end } : null);

function NewBuilding() {
  const { t } = useTranslation();
  const create = useCreateAcBuilding();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  return (
    <form
      aria-label={t('ac.zones.newBuilding')}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { code: code.trim(), name: name.trim() },
          {
            onSuccess: () => {
              setCode('');
              setName('');
            },
          },
        );
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('ac.zones.newBuilding')}
        </Title>
        <TextInput label={t('ac.zones.code')} description={t('ac.zones.codeHint')} required value={code} maxLength={32} onChange={(e) => setCode(e.currentTarget.value)} />
        <TextInput label={t('ac.zones.buildingName')} required value={name} maxLength={100} onChange={(e) => setName(e.currentTarget.value)} />
        <ErrorAlert error={create.error} />
        {create.isSuccess && <SuccessNotice>{t('ac.zones.created', { name: create.data.name })}</SuccessNotice>}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('ac.zones.addBuilding')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NewFloor({ buildings }: { buildings: AcBuildingDto[] }) {
  const { t } = useTranslation();
  const create = useCreateAcFloor();
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [level, setLevel] = useState<number | string>(1);
  const [name, setName] = useState('');
  return (
    <form
      aria-label={t('ac.zones.newFloor')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!buildingId) return;
        create.mutate({ buildingId, level: Number(level), name: name.trim() }, { onSuccess: () => setName('') });
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('ac.zones.newFloor')}
        </Title>
        <Select label={t('ac.zones.building')} required data={buildings.map((b) => ({ value: b.id, label: `${b.name}（${b.code}）` }))} value={buildingId} onChange={setBuildingId} />
        <NumberInput label={t('ac.zones.level')} description={t('ac.zones.levelHint')} required min={-10} max={100} value={level} onChange={setLevel} />
        <TextInput label={t('ac.zones.floorName')} required value={name} maxLength={50} onChange={(e) => setName(e.currentTarget.value)} />
        <ErrorAlert error={create.error} />
        {create.isSuccess && <SuccessNotice>{t('ac.zones.created', { name: create.variables.name })}</SuccessNotice>}
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!buildingId}>
            {t('ac.zones.addFloor')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NewZone({ buildings }: { buildings: AcBuildingDto[] }) {
  const { t } = useTranslation();
  const create = useCreateAcZone();
  const [floorId, setFloorId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [business, setBusiness] = useState<HoursDraft>({ on: true, start: '08:30', end: '17:15' });
  const [closed, setClosed] = useState<HoursDraft>({ on: false, start: '08:30', end: '17:15' });
  const [yen, setYen] = useState<number | string>(30_000);
  const [validFrom, setValidFrom] = useState('2000-01-01');
  const floors = buildings.flatMap((b) => b.floors.map((f) => ({ value: f.id, label: `${b.name} ${f.name}` })));
  return (
    <form
      aria-label={t('ac.zones.newZone')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!floorId) return;
        create.mutate(
          { floorId, code: code.trim(), name: name.trim(), normalHours: { business: hoursOf(business), closed: hoursOf(closed) }, yenPerHour: Number(yen), validFrom },
          {
            onSuccess: () => {
              setCode('');
              setName('');
            },
          },
        );
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('ac.zones.newZone')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select label={t('ac.zones.floor')} required data={floors} value={floorId} onChange={setFloorId} />
          <TextInput label={t('ac.zones.code')} description={t('ac.zones.codeHint')} required value={code} maxLength={32} onChange={(e) => setCode(e.currentTarget.value)} />
          <TextInput label={t('ac.zones.zoneName')} required value={name} maxLength={100} onChange={(e) => setName(e.currentTarget.value)} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <HoursField legend={t('ac.zones.hoursBusiness')} value={business} onChange={setBusiness} testId="ac-hours-business" />
          <HoursField legend={t('ac.zones.hoursClosed')} value={closed} onChange={setClosed} testId="ac-hours-closed" />
        </SimpleGrid>
        <Group align="flex-end">
          <NumberInput label={t('ac.zones.yenPerHour')} required min={0} max={10_000_000} step={1000} thousandSeparator="," value={yen} onChange={setYen} />
          <TextInput type="date" label={t('ac.zones.validFrom')} required value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} />
        </Group>
        <ErrorAlert error={create.error} />
        {create.isSuccess && <SuccessNotice>{t('ac.zones.created', { name: create.data.name })}</SuccessNotice>}
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!floorId}>
            {t('ac.zones.addZone')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The register behind the zones: buildings with their floors, and forms to add a building, floor or zone. */
export function AcRegisterAdmin() {
  const { t } = useTranslation();
  const buildings = useAcBuildings();
  const list = buildings.data ?? [];
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('ac.zones.register')}
        </Title>
        <ErrorAlert error={buildings.error} />
        <DataTable
          caption={t('ac.zones.buildingsCaption')}
          columns={[t('ac.zones.code'), t('ac.zones.buildingName'), t('ac.zones.floors')]}
          minWidth={560}
          empty={t('ac.zones.noBuildings')}
          isEmpty={!buildings.isPending && list.length === 0}
          busy={buildings.isPending}
        >
          {list.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td>{b.code}</Table.Td>
              <Table.Td>{b.name}</Table.Td>
              <Table.Td>
                <Text size="sm">{b.floors.map((f) => f.name).join(' / ') || '-'}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <NewBuilding />
          <NewFloor buildings={list} />
        </SimpleGrid>
        <NewZone buildings={list} />
      </Stack>
    </Paper>
  );
}
