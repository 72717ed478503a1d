import { DataTable } from '../../../../shared/components/data-table';
import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { carFuelSchema, createCarSchema, updateCarSchema, type Car } from '@rr/contracts';
import { useCarClasses, useCarPools, useCars, useGarages, useSaveCar } from '../../api/cars.api';
import { PageHeader } from '../../../../shared/components/page-header';
import { ErrorAlert, SuccessNotice } from '../../../../shared/components/error-alert';
import { LoadingState } from '../../../../shared/components/loading-state';
import { ConfirmDialog } from '../../../../shared/components/confirm-dialog';
import { validateWith, type FieldErrors } from '../../../../shared/forms/validate';
import { useLang } from '../../../../shared/hooks/use-lang';
import { AppModal } from '../../../../shared/components/app-modal';

type StatusFilter = 'active' | 'retired' | 'all';

function CarForm({ initial, onDone }: { initial: Car | null; onDone: (car: Car) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const classes = useCarClasses();
  const garages = useGarages();
  const pools = useCarPools();
  const save = useSaveCar();
  const [v, setV] = useState({
    plateNumber: initial?.plateNumber ?? '',
    model: initial?.model ?? '',
    classCode: initial?.classCode ?? '',
    seats: (initial?.seats ?? 5) as number | string,
    fuel: initial?.fuel ?? 'gasoline',
    garageId: initial?.garageId ?? garages.data?.[0]?.id ?? '',
    bay: initial?.bay ?? '',
    poolId: initial?.poolId ?? pools.data?.[0]?.id ?? '',
    notes: initial?.notes ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (key: keyof typeof v, value: string | number) => setV((x) => ({ ...x, [key]: value }));
  // Garages and pools may arrive after the form opens: default to the first one.
  const garageId = v.garageId || garages.data?.[0]?.id || '';
  const poolId = v.poolId || pools.data?.[0]?.id || '';

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = { ...v, garageId, poolId, seats: Number(v.seats) };
    const result = validateWith(
      initial ? updateCarSchema : createCarSchema,
      body,
      {
        plateNumber: t('cars.admin.cars.errors.plate'),
        classCode: t('cars.admin.cars.errors.class'),
        seats: t('cars.admin.cars.errors.seats'),
        garageId: t('cars.admin.cars.errors.garage'),
        poolId: t('cars.admin.cars.errors.pool'),
        model: t('validation.tooLong', { max: 100 }),
        bay: t('validation.tooLong', { max: 16 }),
        notes: t('validation.tooLong', { max: 1000 }),
      },
      t('validation.invalid'),
    );
    if (result.errors) return setErrors(result.errors);
    setErrors({});
    save.mutate({ id: initial?.id, body: result.data }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={save.error ?? classes.error ?? garages.error ?? pools.error} />
        <TextInput label={t('cars.admin.cars.plate')} required value={v.plateNumber} onChange={(e) => set('plateNumber', e.currentTarget.value)} error={errors.plateNumber} description={t('cars.admin.cars.plateHelp')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('cars.admin.cars.class')}
            required
            value={v.classCode}
            onChange={(e) => set('classCode', e.currentTarget.value)}
            error={errors.classCode}
            data={[{ value: '', label: t('common.choose') }, ...(classes.data ?? []).map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.nameJa }))]}
          />
          <TextInput label={t('cars.admin.cars.model')} value={v.model} maxLength={100} onChange={(e) => set('model', e.currentTarget.value)} error={errors.model} />
          <NumberInput hideControls label={t('cars.seatsLabel')} required min={1} max={30} allowDecimal={false} allowNegative={false} value={v.seats} onChange={(x) => set('seats', x)} error={errors.seats} />
          <NativeSelect
            label={t('cars.admin.cars.fuel')}
            value={v.fuel}
            onChange={(e) => set('fuel', e.currentTarget.value)}
            data={carFuelSchema.options.map((f) => ({ value: f, label: t(`cars.fuel.${f}`) }))}
          />
          <NativeSelect
            label={t('cars.admin.cars.garage')}
            required
            value={garageId}
            onChange={(e) => set('garageId', e.currentTarget.value)}
            error={errors.garageId}
            data={(garages.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
          <TextInput label={t('cars.admin.cars.bay')} value={v.bay} maxLength={16} onChange={(e) => set('bay', e.currentTarget.value)} error={errors.bay} description={t('cars.admin.cars.bayHelp')} />
          <NativeSelect
            label={t('cars.admin.cars.pool')}
            required
            value={poolId}
            onChange={(e) => set('poolId', e.currentTarget.value)}
            error={errors.poolId}
            data={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </SimpleGrid>
        <Textarea label={t('cars.admin.cars.notes')} value={v.notes} maxLength={1000} autosize minRows={2} onChange={(e) => set('notes', e.currentTarget.value)} error={errors.notes} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** 車両: the fleet register, with create, edit and retire (使用終了). */
export function AdminCarsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [classCode, setClassCode] = useState('');
  const cars = useCars({ status, classCode: classCode || undefined });
  const classes = useCarClasses();
  const save = useSaveCar();
  const [editing, setEditing] = useState<Car | 'new' | null>(null);
  const [retiring, setRetiring] = useState<Car | null>(null);
  const [notice, setNotice] = useState('');
  const rows = cars.data ?? [];

  const setCarStatus = (car: Car, next: 'active' | 'retired') =>
    save.mutate(
      { id: car.id, body: { status: next } },
      {
        onSuccess: (c) => {
          setNotice(t(next === 'retired' ? 'cars.admin.cars.retired' : 'cars.admin.cars.reactivated', { plate: c.plateNumber }));
          setRetiring(null);
        },
      },
    );

  return (
    <Stack>
      <PageHeader title={t('cars.admin.cars.title')} description={t('cars.admin.cars.lead')} actions={<Button onClick={() => setEditing('new')}>{t('cars.admin.cars.add')}</Button>} />
      <SuccessNotice>{notice}</SuccessNotice>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('cars.admin.cars.statusFilter')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}
          data={[
            { value: 'active', label: t('cars.carStatus.active') },
            { value: 'retired', label: t('cars.carStatus.retired') },
            { value: 'all', label: t('common.all') },
          ]}
          w={200}
        />
        <NativeSelect
          label={t('cars.admin.cars.class')}
          value={classCode}
          onChange={(e) => setClassCode(e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...(classes.data ?? []).map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.nameJa }))]}
          w={200}
        />
      </Group>
      <ErrorAlert error={cars.error ?? (retiring ? null : save.error)} />
      {cars.isPending && <LoadingState />}
      {cars.data && (
        <DataTable
          caption={t('cars.admin.cars.caption', { count: rows.length })}
          columns={[t('cars.admin.cars.plate'), t('cars.admin.cars.class'), t('cars.admin.cars.model'), t('cars.seatsLabel'), t('cars.admin.cars.fuel'), t('cars.admin.cars.parking'), t('cars.admin.cars.status'), t('common.actions')]}
          minWidth={900}
          empty={t('common.empty')}
          isEmpty={rows.length === 0}
          busy={cars.isFetching}
        >
              {rows.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw={600} className="nowrap">
                    {c.plateNumber}
                  </Table.Th>
                  <Table.Td>{lang === 'en' ? c.classNameEn : c.className}</Table.Td>
                  <Table.Td>{c.model}</Table.Td>
                  <Table.Td>{t('cars.seats', { seats: c.seats })}</Table.Td>
                  <Table.Td>{t(`cars.fuel.${c.fuel}`)}</Table.Td>
                  <Table.Td>
                    {c.garageName} {c.bay}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={c.status === 'active' ? 'green' : 'gray'} variant="light" className="car-badge">
                      {t(`cars.carStatus.${c.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="sm" variant="default" onClick={() => setEditing(c)} aria-label={t('common.editItem', { name: c.plateNumber })}>
                        {t('common.edit')}
                      </Button>
                      {c.status === 'active' ? (
                        <Button size="sm" variant="outline" color="red" onClick={() => { save.reset(); setRetiring(c); }} aria-label={t('cars.admin.cars.retireItem', { plate: c.plateNumber })}>
                          {t('cars.admin.cars.retire')}
                        </Button>
                      ) : (
                        <Button size="sm" variant="outline" onClick={() => setCarStatus(c, 'active')} aria-label={t('cars.admin.cars.reactivateItem', { plate: c.plateNumber })}>
                          {t('cars.admin.cars.reactivate')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
        </DataTable>
      )}
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('cars.admin.cars.add') : t('cars.admin.cars.edit')}
        size="lg"
      >
        {editing !== null && (
          <CarForm
            initial={editing === 'new' ? null : editing}
            onDone={(c) => {
              setNotice(t('common.saved', { name: c.plateNumber }));
              setEditing(null);
            }}
          />
        )}
      </AppModal>
      <ConfirmDialog
        opened={retiring !== null}
        title={t('cars.admin.cars.retireTitle')}
        message={t('cars.admin.cars.retireMessage', { plate: retiring?.plateNumber ?? '' })}
        confirmLabel={t('cars.admin.cars.retire')}
        pending={save.isPending}
        error={save.error}
        onClose={() => setRetiring(null)}
        onConfirm={() => retiring && setCarStatus(retiring, 'retired')}
      />
    </Stack>
  );
}

