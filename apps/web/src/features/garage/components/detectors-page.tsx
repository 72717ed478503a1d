import { Badge, Button, Checkbox, Group, NativeSelect, NumberInput, Radio, Stack, Table, Text, TextInput } from '@mantine/core';
import { createDetectorSchema, updateDetectorSchema, type Detector, type UpdateDetector } from '@rr/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../shared/components/data-table';
import { ErrorAlert, SuccessNotice } from '../../../shared/components/error-alert';
import { PageHeader } from '../../../shared/components/page-header';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDateTime } from '../../../shared/time/tokyo';
import type { garageJa } from '../../../shared/i18n/messages/garage';
import { useCreateDetector, useDetectors, useInspect, useUpdateDetector } from '../api/garage.api';

type StringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];
import { GarageNav } from './garage-nav';
import { AppModal } from '../../../shared/components/app-modal';

function InspectDialog({ detector, onClose, onDone }: { detector: Detector; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const inspect = useInspect();
  const [kind, setKind] = useState<'daily' | 'weekly'>('weekly');
  const [items, setItems] = useState({ powerOk: true, noDamage: true, detectsAlcohol: true, noFalsePositive: true });
  const toggle = (k: keyof typeof items) => (e: React.ChangeEvent<HTMLInputElement>) => setItems({ ...items, [k]: e.currentTarget.checked });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = kind === 'weekly' ? { kind, ...items } : { kind, powerOk: items.powerOk, noDamage: items.noDamage };
    inspect.mutate({ detectorId: detector.id, body }, { onSuccess: onDone });
  };
  return (
    <AppModal opened onClose={onClose} title={t('garage.detectors.inspectFor', { serial: detector.serialNumber })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={inspect.error} />
          <Radio.Group label={t('garage.detectors.kind')} value={kind} onChange={(v) => setKind(v as 'daily' | 'weekly')}>
            <Stack mt={4} gap={4}>
              <Radio value="daily" label={t('garage.detectors.daily')} />
              <Radio value="weekly" label={t('garage.detectors.weekly')} />
            </Stack>
          </Radio.Group>
          <Checkbox size="md" label={t('garage.detectors.powerOk')} checked={items.powerOk} onChange={toggle('powerOk')} />
          <Checkbox size="md" label={t('garage.detectors.noDamage')} checked={items.noDamage} onChange={toggle('noDamage')} />
          {kind === 'weekly' && (
            <>
              <Checkbox size="md" label={t('garage.detectors.detectsAlcohol')} checked={items.detectsAlcohol} onChange={toggle('detectsAlcohol')} />
              <Checkbox size="md" label={t('garage.detectors.noFalsePositive')} checked={items.noFalsePositive} onChange={toggle('noFalsePositive')} />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={inspect.isPending}>
              {t('garage.detectors.inspect')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** Details of a detector (serial, location, valid-until, max uses, …); records keep the serial they were made with. */
function EditDetectorDialog({ detector, onClose, onDone }: { detector: Detector; onClose: () => void; onDone: (serial: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateDetector();
  const [serialNumber, setSerial] = useState(detector.serialNumber);
  const [model, setModel] = useState(detector.model);
  const [location, setLocation] = useState(detector.location);
  const [validUntil, setValidUntil] = useState(detector.validUntil ?? '');
  const [maxUses, setMaxUses] = useState<string | number>(detector.maxUses ?? '');
  const [status, setStatus] = useState(detector.status);
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const values: UpdateDetector = {
      serialNumber: serialNumber.trim(),
      model: model.trim(),
      location: location.trim(),
      validUntil: validUntil || null,
      maxUses: String(maxUses).trim() === '' ? null : Number(maxUses),
      status,
    };
    // Only what changed is sent (an unchanged serial is not re-checked against the others).
    const body = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== (detector as Record<string, unknown>)[k])) as UpdateDetector;
    const result = validateWith(updateDetectorSchema, body, {}, t('validation.invalid'));
    setErrors(result.errors ?? {});
    if (!result.data) return;
    if (Object.keys(body).length === 0) return onClose();
    update.mutate({ detectorId: detector.id, body: result.data }, { onSuccess: (d) => onDone(d.serialNumber) });
  };
  return (
    <AppModal opened onClose={onClose} title={t('garage.detectors.editFor', { serial: detector.serialNumber })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={update.error} />
          <TextInput label={t('garage.detectors.serial')} value={serialNumber} onChange={(e) => setSerial(e.currentTarget.value)} error={errors.serialNumber} required data-autofocus />
          <TextInput label={t('garage.detectors.model')} value={model} onChange={(e) => setModel(e.currentTarget.value)} error={errors.model} />
          <TextInput label={t('garage.detectors.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} error={errors.location} required />
          <TextInput type="date" label={t('garage.detectors.validUntil')} value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} error={errors.validUntil} />
          <NumberInput label={t('garage.detectors.maxUses')} value={maxUses} onChange={setMaxUses} min={1} allowDecimal={false} error={errors.maxUses} />
          <NativeSelect
            label={t('garage.detectors.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as Detector['status'])}
            data={[
              { value: 'active', label: t('garage.detectors.active') },
              { value: 'retired', label: t('garage.detectors.retired') },
            ]}
          />
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" size="md" loading={update.isPending}>
              {t('garage.detectors.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function AddDetector({ onDone }: { onDone: (serial: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateDetector();
  const [serialNumber, setSerial] = useState('');
  const [model, setModel] = useState('');
  const [location, setLocation] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [maxUses, setMaxUses] = useState<string | number>('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = { serialNumber, model, location, validUntil: validUntil || null, maxUses: String(maxUses).trim() === '' ? null : Number(maxUses) };
    const result = validateWith(createDetectorSchema, body, {}, t('validation.invalid'));
    setErrors(result.errors ?? {});
    if (!result.data) return;
    create.mutate(body, { onSuccess: (d) => onDone(d.serialNumber) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={create.error} />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label={t('garage.detectors.serial')} value={serialNumber} onChange={(e) => setSerial(e.currentTarget.value)} error={errors.serialNumber} required />
          <TextInput label={t('garage.detectors.model')} value={model} onChange={(e) => setModel(e.currentTarget.value)} />
          <TextInput label={t('garage.detectors.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} error={errors.location} required />
          <TextInput type="date" label={t('garage.detectors.validUntil')} value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} />
          <NumberInput label={t('garage.detectors.maxUses')} value={maxUses} onChange={setMaxUses} min={1} allowDecimal={false} error={errors.maxUses} />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('garage.detectors.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** 検知器台帳: detectors, whether they may be selected, and their inspections. */
export function GarageDetectorsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const detectors = useDetectors();
  const [inspecting, setInspecting] = useState<Detector | null>(null);
  const [editing, setEditing] = useState<Detector | null>(null);
  const [notice, setNotice] = useState('');
  const list = detectors.data ?? [];
  const c = (k: StringKeys<typeof garageJa.detectors>) => t(`garage.detectors.${k}`);
  return (
    <Stack>
      <PageHeader title={t('garage.detectors.title')} />
      <GarageNav />
      <SuccessNotice>{notice}</SuccessNotice>
      <ErrorAlert error={detectors.error} />
      <DataTable
        caption={t('garage.detectors.caption', { count: list.length })}
        columns={[c('serial'), c('location'), c('validUntil'), c('useCount'), c('status'), c('weeklyDue'), c('lastInspection'), t('common.actions')]}
        minWidth={960}
        empty={t('common.empty')}
        isEmpty={!detectors.isLoading && list.length === 0}
      >
        {list.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Text fw={600}>{d.serialNumber}</Text>
              <Text size="sm" c="dimmed">
                {d.model}
              </Text>
            </Table.Td>
            <Table.Td>{d.location}</Table.Td>
            <Table.Td>{d.validUntil ?? '—'}</Table.Td>
            <Table.Td>
              {d.useCount}
              {d.maxUses !== null ? ` / ${d.maxUses}` : ''}
            </Table.Td>
            <Table.Td>
              <Badge color={d.usable ? 'green' : 'red'} variant="light" size="lg">
                {d.usable ? c('usable') : c('unusable')}
              </Badge>
              {!d.usable && (
                <Text size="sm" c="red">
                  {d.reasons.map((r) => t(`garage.detectors.reasons.${r}`)).join('、')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{d.weeklyDueAt ? formatDateTime(d.weeklyDueAt, lang) : c('never')}</Table.Td>
            <Table.Td>{d.lastInspectionAt ? formatDateTime(d.lastInspectionAt, lang) : c('never')}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button size="md" variant="light" onClick={() => setInspecting(d)} aria-label={t('garage.detectors.inspectFor', { serial: d.serialNumber })}>
                  {c('inspect')}
                </Button>
                <Button size="md" variant="default" onClick={() => setEditing(d)} aria-label={t('garage.detectors.editFor', { serial: d.serialNumber })}>
                  {c('edit')}
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <AddDetector onDone={(serial) => setNotice(t('garage.detectors.created', { serial }))} />
      {editing && (
        <EditDetectorDialog
          detector={editing}
          onClose={() => setEditing(null)}
          onDone={(serial) => {
            setEditing(null);
            setNotice(t('garage.detectors.updated', { serial }));
          }}
        />
      )}
      {inspecting && (
        <InspectDialog
          detector={inspecting}
          onClose={() => setInspecting(null)}
          onDone={() => {
            setInspecting(null);
            setNotice(c('saved'));
          }}
        />
      )}
    </Stack>
  );
}
