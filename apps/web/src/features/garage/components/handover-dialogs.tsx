import { Alert, Button, Checkbox, Divider, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { BoardItem, CheckOutResult, Detector, FuelLevel, ReturnResult } from '@rr/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { ErrorAlert } from '../../../shared/components/error-alert';
import type { FieldErrors } from '../../../shared/forms/validate';
import { useDrivers } from '../../cars/api/cars.api';
import { useCheckOut, useDetectors, useGarageSettings, useReturnKey } from '../api/garage.api';
import { CheckFields, checkErrors, emptyCheck, toCheckBody, type CheckMessages, type CheckState } from './check-fields';
import { AppModal } from '../../../shared/components/app-modal';

const FUEL: FuelLevel[] = ['full', '3/4', '1/2', '1/4', 'empty'];

function FuelSelect({ value, onChange }: { value: FuelLevel; onChange: (v: FuelLevel) => void }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('garage.form.fuelLevel')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as FuelLevel)}
      data={FUEL.map((f) => ({ value: f, label: t(`garage.form.fuel.${f}`) }))}
    />
  );
}

const odometerOf = (v: string | number): number | null => {
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  return String(v).trim() !== '' && Number.isInteger(n) && n >= 0 ? n : null;
};

/**
 * The field errors both handover forms show before sending: the alcohol check's (unless the day's
 * earlier check is reused, when the organisation allows one per day) and the odometer's.
 */
function handoverErrors(
  t: TFunction,
  check: CheckState,
  detectors: Detector[] | undefined,
  odometer: string | number,
  skipCheck: boolean,
): { errors: FieldErrors; km: number | null } {
  const errors = skipCheck ? {} : checkErrors(check, detectors, t('garage.form.errors', { returnObjects: true }) as unknown as CheckMessages);
  const km = odometerOf(odometer);
  if (km === null) errors.odometer = t('garage.form.errors.odometer');
  return { errors, km };
}

/** 鍵の貸出: the pre-drive check; the key is released only if it passes (the API decides). */
export function CheckOutDialog({ item, onClose, onDone }: { item: BoardItem; onClose: () => void; onDone: (r: CheckOutResult) => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const detectors = useDetectors();
  const checkOut = useCheckOut();
  const settings = useGarageSettings();
  const drivers = useDrivers({ filter: 'eligible', limit: 500, offset: 0 });
  const [driverId, setDriverId] = useState(item.driverId);
  const [reuse, setReuse] = useState(false);
  const [odometer, setOdometer] = useState<string | number>(item.lastOdometerKm ?? '');
  const [fuel, setFuel] = useState<FuelLevel>('full');
  const [etc, setEtc] = useState(false);
  const [check, setCheck] = useState<CheckState | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const current = check ?? emptyCheck(detectors.data);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const reusing = reuse && settings.data?.oneCheckPerDay === true;
    const { errors: errs, km } = handoverErrors(t, current, detectors.data, odometer, reusing);
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    const body = { driverId: driverId === item.driverId ? undefined : driverId, odometerKm: km!, fuelLevel: fuel, etcCard: etc, check: reusing ? undefined : toCheckBody(current) };
    checkOut.mutate({ bookingId: item.bookingId, body }, { onSuccess: onDone });
  };

  return (
    <AppModal opened onClose={onClose} title={t('garage.board.checkOutFor', { plate: item.plateNumber })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {item.driverName}（{item.sectionName}）／ {item.destination}・{item.purpose}
          </Text>
          <ErrorAlert error={checkOut.error ?? detectors.error} />
          <NativeSelect
            label={t('garage.form.driver')}
            description={t('garage.form.substituteHint')}
            value={driverId}
            onChange={(e) => setDriverId(e.currentTarget.value)}
            data={[
              { value: item.driverId, label: t('garage.form.driverBooked', { name: item.driverName }) },
              ...(drivers.data?.items ?? []).filter((d) => d.userId !== item.driverId).map((d) => ({ value: d.userId, label: `${d.displayName}（${d.sectionName}）` })),
            ]}
          />
          <NumberInput
            label={t('garage.form.odometer')}
            description={item.lastOdometerKm !== null ? t('garage.form.odometerStartHint', { km: item.lastOdometerKm }) : undefined}
            value={odometer}
            onChange={setOdometer}
            allowDecimal={false}
            min={0}
            error={errors.odometer}
            inputMode="numeric"
            required
          />
          <FuelSelect value={fuel} onChange={setFuel} />
          <Checkbox size="md" label={t('garage.form.etcCardOut')} checked={etc} onChange={(e) => setEtc(e.currentTarget.checked)} />
          <Divider />
          {settings.data?.oneCheckPerDay && <Checkbox size="md" label={t('garage.form.reuseCheck')} checked={reuse} onChange={(e) => setReuse(e.currentTarget.checked)} />}
          {!(reuse && settings.data?.oneCheckPerDay) && <CheckFields phase="pre" value={current} onChange={setCheck} detectors={detectors.data} errors={errors} />}
          <Text size="xs" c="dimmed">
            {t('garage.form.checkerNote', { name: user.displayName })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" size="lg" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" size="lg" color="blue" loading={checkOut.isPending}>
              {t('garage.form.submitCheckOut')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** 鍵の返却: post-drive check, odometer, fuel, ETC, defects; the driving log is completed from the booking. */
export function ReturnDialog({ item, onClose, onDone }: { item: BoardItem; onClose: () => void; onDone: (r: ReturnResult) => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const detectors = useDetectors();
  const giveBack = useReturnKey();
  const settings = useGarageSettings();
  const [skipCheck, setSkipCheck] = useState(false);
  const [odometer, setOdometer] = useState<string | number>('');
  const [fuel, setFuel] = useState<FuelLevel>('full');
  const [litres, setLitres] = useState<string | number>('');
  const [cost, setCost] = useState<string | number>('');
  const [etcCard, setEtcCard] = useState(false);
  const [etcUsed, setEtcUsed] = useState(false);
  const [defects, setDefects] = useState('');
  const [damage, setDamage] = useState(false);
  const [notes, setNotes] = useState('');
  const [check, setCheck] = useState<CheckState | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const current = check ?? emptyCheck(detectors.data);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const skipping = skipCheck && settings.data?.oneCheckPerDay === true;
    const { errors: errs, km } = handoverErrors(t, current, detectors.data, odometer, skipping);
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    const num = (v: string | number) => (String(v).trim() === '' ? null : Number(v));
    giveBack.mutate(
      {
        bookingId: item.bookingId,
        body: { odometerKm: km!, fuelLevel: fuel, fuelLitres: num(litres), fuelCostYen: num(cost), etcCard, etcUsed, defects, damage, notes, check: skipping ? undefined : toCheckBody(current) },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <AppModal opened onClose={onClose} title={t('garage.board.returnFor', { plate: item.plateNumber })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {item.driverName}（{item.sectionName}）／ {item.destination}・{item.purpose}
          </Text>
          <ErrorAlert error={giveBack.error ?? detectors.error} />
          <NumberInput
            label={t('garage.form.odometer')}
            description={item.odometerStart !== null ? t('garage.form.odometerEndHint', { km: item.odometerStart }) : undefined}
            value={odometer}
            onChange={setOdometer}
            allowDecimal={false}
            min={0}
            error={errors.odometer}
            inputMode="numeric"
            required
          />
          <FuelSelect value={fuel} onChange={setFuel} />
          <Group grow>
            <NumberInput label={t('garage.form.fuelLitres')} value={litres} onChange={setLitres} min={0} decimalScale={2} inputMode="decimal" />
            <NumberInput label={t('garage.form.fuelCost')} value={cost} onChange={setCost} min={0} allowDecimal={false} inputMode="numeric" />
          </Group>
          <Checkbox size="md" label={t('garage.form.etcCardBack')} checked={etcCard} onChange={(e) => setEtcCard(e.currentTarget.checked)} />
          <Checkbox size="md" label={t('garage.form.etcUsed')} checked={etcUsed} onChange={(e) => setEtcUsed(e.currentTarget.checked)} />
          <TextInput label={t('garage.form.defects')} value={defects} onChange={(e) => setDefects(e.currentTarget.value)} />
          <Checkbox size="md" color="red" label={t('garage.form.damage')} checked={damage} onChange={(e) => setDamage(e.currentTarget.checked)} />
          <TextInput label={t('garage.form.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
          <Divider />
          {settings.data?.oneCheckPerDay && <Checkbox size="md" label={t('garage.form.skipPostCheck')} checked={skipCheck} onChange={(e) => setSkipCheck(e.currentTarget.checked)} />}
          {!(skipCheck && settings.data?.oneCheckPerDay) && <CheckFields phase="post" value={current} onChange={setCheck} detectors={detectors.data} errors={errors} />}
          <Text size="xs" c="dimmed">
            {t('garage.form.checkerNote', { name: user.displayName })}
          </Text>
          {damage && (
            <Alert color="orange" variant="light">
              {t('garage.form.damage')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" size="lg" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" size="lg" loading={giveBack.isPending}>
              {t('garage.form.submitReturn')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
