import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Checkbox, Grid, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createCarBookingSchema, type Car, type CarBooking, type CreateCarBooking, type UpdateCarBooking } from '@rr/contracts';
import { useCarClasses, useCars, useCarSettings, useCreateBooking, useSectionDrivers, useUpdateBooking } from '../api/cars.api';
import { className as classNameOf } from './badges';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { hasAnyRole } from '../../auth/roles';
import { CAR_ADMIN_ROLES } from '../roles';
import { horizonLastDate, isOnGrid } from '../lib/slots';
import { ApiError } from '../../../shared/api/client';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { validateWith, type FieldErrors } from '../../../shared/forms/validate';
import { useLang } from '../../../shared/hooks/use-lang';
import { formatDate, fromTokyoLocalInput, todayInTokyo, toTokyoLocalInput } from '../../../shared/time/tokyo';

/** Refusals that mean "someone (or something) already has that time": shown with a way out. */
const CONFLICT_CODES = new Set(['CAR_BOOKING_CAR_TAKEN', 'CAR_BOOKING_DRIVER_OVERLAP', 'CAR_BOOKING_CLASS_FULL', 'CAR_BLOCKED']);

export interface BookingDraft {
  classCode: string;
  /** '' = any free car of `classCode`. */
  carId: string;
  driverId: string;
  /** `datetime-local` values, Tokyo wall clock. */
  startsAt: string;
  endsAt: string;
  purpose: string;
  destination: string;
  passengers: number | string;
  outOfPrefecture: boolean;
  priorityReason: string;
}

export function draftFromBooking(b: CarBooking): BookingDraft {
  return {
    classCode: b.classCode,
    carId: b.carId,
    driverId: b.driverId,
    startsAt: toTokyoLocalInput(b.startsAt),
    endsAt: toTokyoLocalInput(b.endsAt),
    purpose: b.purpose,
    destination: b.destination,
    passengers: b.passengers,
    outOfPrefecture: b.outOfPrefecture,
    priorityReason: b.priorityReason ?? '',
  };
}

function sameInstant(a: string, b: string): boolean {
  return new Date(a).getTime() === new Date(b).getTime();
}

function carLabel(car: Car, classLabel: string, t: (k: 'cars.carOption', o: Record<string, string | number>) => string): string {
  return t('cars.carOption', { plate: car.plateNumber, model: car.model, className: classLabel, seats: car.seats });
}

interface Props {
  initial: BookingDraft;
  /** Present when editing: only changed fields are sent. */
  booking?: CarBooking;
  onDone: (booking: CarBooking) => void;
}

/** 予約フォーム: a car (or any car of a class), the driver, the times and the trip. */
export function BookingForm({ initial, booking, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const user = useCurrentUser();
  const isAdmin = hasAnyRole(user.roles, CAR_ADMIN_ROLES);
  const cars = useCars({ status: 'active' });
  const classes = useCarClasses();
  const drivers = useSectionDrivers();
  const settings = useCarSettings();
  const create = useCreateBooking();
  const update = useUpdateBooking(booking?.id ?? '');
  const mutation = booking ? update : create;
  /** Lottery results keep their time, car and driver (the API refuses such changes too). */
  const locked = !!booking && booking.source !== 'first_come' && booking.source !== 'priority';

  const [draft, setDraft] = useState<BookingDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const errorRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof BookingDraft>(key: K, value: BookingDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // A refusal is the most important thing on the page: bring it into view and give it focus.
  useEffect(() => {
    if (mutation.error && errorRef.current) {
      errorRef.current.scrollIntoView({ block: 'center' });
      errorRef.current.focus({ preventScroll: true });
    }
  }, [mutation.error]);

  const classLabel = (code: string, fallback: string) => classNameOf(classes.data, code, fallback, lang);
  const allCars = useMemo(() => {
    const list = [...(cars.data ?? [])];
    // Editing a booking whose car has since been retired: keep it choosable as it is.
    if (booking && !list.some((c) => c.id === booking.carId)) {
      list.push({
        id: booking.carId,
        plateNumber: booking.plateNumber,
        model: booking.carModel,
        classCode: booking.classCode,
        className: booking.className,
        classNameEn: booking.className,
        seats: 0,
        fuel: 'gasoline',
        garageId: '',
        garageName: booking.garageName,
        bay: booking.bay,
        poolId: booking.poolId,
        poolCode: '',
        poolName: '',
        status: 'retired',
        notes: '',
      });
    }
    return list;
  }, [cars.data, booking]);
  const carChoices = allCars.filter((c) => !draft.classCode || c.classCode === draft.classCode);
  const selectedCar = allCars.find((c) => c.id === draft.carId);

  const today = todayInTokyo();
  const lastDate = settings.data ? horizonLastDate(today, settings.data.horizonMonths) : undefined;
  const minInput = settings.data ? `${today}T${settings.data.bookableFrom}` : undefined;
  const maxInput = settings.data && lastDate ? `${lastDate}T${settings.data.bookableUntil === '24:00' ? '23:45' : settings.data.bookableUntil}` : undefined;

  const driverOptions = useMemo(() => {
    const others = (drivers.data ?? []).filter((d) => d.userId !== user.id);
    const options = [{ value: user.id, label: t('cars.form.driverMe', { name: user.displayName }), disabled: false }];
    for (const d of others) {
      const label = !d.eligible
        ? t('cars.form.driverIneligible', { name: d.displayName })
        : d.warning
          ? t('cars.form.driverExpiring', { name: d.displayName })
          : d.displayName;
      options.push({ value: d.userId, label, disabled: !d.eligible });
    }
    // Editing a booking for a driver who is no longer listed (moved section): keep them.
    if (booking && !options.some((o) => o.value === booking.driverId)) {
      options.push({ value: booking.driverId, label: booking.driverName, disabled: false });
    }
    return options;
  }, [drivers.data, user.id, user.displayName, booking, t]);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    const startsAt = draft.startsAt ? fromTokyoLocalInput(draft.startsAt) : null;
    const endsAt = draft.endsAt ? fromTokyoLocalInput(draft.endsAt) : null;
    if (!startsAt) local.startsAt = t('cars.form.errors.start');
    else if (!isOnGrid(draft.startsAt)) local.startsAt = t('cars.form.errors.grid');
    if (!endsAt) local.endsAt = t('cars.form.errors.end');
    else if (!isOnGrid(draft.endsAt)) local.endsAt = t('cars.form.errors.grid');
    else if (startsAt && new Date(endsAt) <= new Date(startsAt)) local.endsAt = t('cars.form.errors.order');

    const passengers = draft.passengers === '' ? 0 : Number(draft.passengers);
    const body: Record<string, unknown> = {
      ...(draft.carId ? { carId: draft.carId } : draft.classCode ? { classCode: draft.classCode } : {}),
      ...(draft.driverId && draft.driverId !== user.id ? { driverId: draft.driverId } : {}),
      startsAt: startsAt ?? '',
      endsAt: endsAt ?? '',
      purpose: draft.purpose,
      destination: draft.destination,
      passengers,
      outOfPrefecture: draft.outOfPrefecture,
      ...(isAdmin && !booking && draft.priorityReason.trim() ? { priorityReason: draft.priorityReason } : {}),
    };
    const result = validateWith(
      createCarBookingSchema,
      body,
      {
        carId: t('cars.form.errors.car'),
        purpose: t('cars.form.errors.purpose'),
        destination: t('cars.form.errors.destination'),
        passengers: t('cars.form.errors.passengers'),
        priorityReason: t('cars.form.errors.priorityReason'),
      },
      t('validation.invalid'),
    );
    const schemaErrors = result.errors ?? {};
    // Times are checked above with clearer messages than the schema's.
    delete schemaErrors.startsAt;
    delete schemaErrors.endsAt;
    const all = { ...schemaErrors, ...local };
    if (!all.passengers && selectedCar && selectedCar.seats > 0 && passengers + 1 > selectedCar.seats) {
      all.passengers = t('cars.form.errors.seats', { seats: selectedCar.seats });
    }
    setErrors(all);
    if (Object.keys(all).length > 0 || !result.data) return;

    if (!booking) {
      create.mutate(result.data as CreateCarBooking, { onSuccess: onDone });
      return;
    }
    // Editing: send only what changed, so a lottery booking's unchanged time is not "moved".
    const data = result.data;
    const patch: UpdateCarBooking = {};
    if (draft.carId && draft.carId !== booking.carId) patch.carId = draft.carId;
    if (!draft.carId && draft.classCode) patch.classCode = draft.classCode;
    const driverId = draft.driverId || user.id;
    if (driverId !== booking.driverId) patch.driverId = driverId;
    if (!sameInstant(data.startsAt, booking.startsAt)) patch.startsAt = data.startsAt;
    if (!sameInstant(data.endsAt, booking.endsAt)) patch.endsAt = data.endsAt;
    if (data.purpose !== booking.purpose) patch.purpose = data.purpose;
    if (data.destination !== booking.destination) patch.destination = data.destination;
    if (data.passengers !== booking.passengers) patch.passengers = data.passengers;
    if (data.outOfPrefecture !== booking.outOfPrefecture) patch.outOfPrefecture = data.outOfPrefecture;
    if (Object.keys(patch).length === 0) return onDone(booking);
    update.mutate(patch, { onSuccess: onDone });
  };

  const error = mutation.error;
  const conflict = error instanceof ApiError && CONFLICT_CODES.has(error.code);
  const conflictDate = draft.startsAt ? draft.startsAt.slice(0, 10) : today;

  return (
    <form onSubmit={submit} noValidate aria-label={booking ? t('cars.form.editTitle') : t('cars.form.newTitle')}>
      <Stack gap="md" maw={760}>
        <ErrorAlert error={cars.error ?? classes.error ?? drivers.error ?? settings.error} />
        {error && (
          <div ref={errorRef} tabIndex={-1} className="car-form-error">
            {conflict ? (
              <Alert color="red" variant="light" role="alert" title={t('cars.form.failed')} className="car-conflict">
                <Text fw={700}>{error.message}</Text>
                <Text size="sm" mt={4}>
                  {t('cars.form.conflictHelp')}{' '}
                  <Anchor component={Link} to={`/cars?date=${conflictDate}`} fw={700} underline="always">
                    {t('cars.form.showAvailability', { date: formatDate(conflictDate, lang) })}
                  </Anchor>
                </Text>
                {error.requestId && (
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('common.requestId', { id: error.requestId })}
                  </Text>
                )}
              </Alert>
            ) : (
              <ErrorAlert error={error} title={t('cars.form.failed')} />
            )}
          </div>
        )}

        {locked && (
          <Alert color="blue" variant="light" role="note">
            {t('cars.form.lockedNote')}
          </Alert>
        )}
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <NativeSelect
              label={t('cars.form.class')}
              disabled={locked}
              value={draft.classCode}
              onChange={(e) => {
                const classCode = e.currentTarget.value;
                setDraft((d) => ({
                  ...d,
                  classCode,
                  carId: d.carId && allCars.find((c) => c.id === d.carId)?.classCode !== classCode && classCode ? '' : d.carId,
                }));
              }}
              data={[
                { value: '', label: t('cars.form.classAny') },
                ...(classes.data ?? []).map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.nameJa })),
              ]}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <NativeSelect
              label={t('cars.form.car')}
              disabled={locked}
              value={draft.carId}
              onChange={(e) => set('carId', e.currentTarget.value)}
              error={errors.carId}
              description={t('cars.form.carHelp')}
              data={[
                { value: '', label: draft.classCode ? t('cars.form.carAuto') : t('common.choose') },
                ...carChoices.map((c) => ({ value: c.id, label: carLabel(c, classLabel(c.classCode, c.className), t) })),
              ]}
            />
          </Grid.Col>
        </Grid>
        {selectedCar && (
          <Text size="sm" c="dimmed">
            {t('cars.form.carDetails', {
              garage: selectedCar.garageName,
              bay: selectedCar.bay || '—',
              seats: selectedCar.seats || '—',
              fuel: selectedCar.seats ? t(`cars.fuel.${selectedCar.fuel}`) : '—',
            })}
          </Text>
        )}

        <NativeSelect
          label={t('cars.form.driver')}
          disabled={locked}
          value={draft.driverId || user.id}
          onChange={(e) => set('driverId', e.currentTarget.value)}
          description={t('cars.form.driverHelp')}
          data={driverOptions}
        />

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="datetime-local"
            label={t('cars.form.startsAt')}
            disabled={locked}
            required
            step={900}
            min={minInput}
            max={maxInput}
            value={draft.startsAt}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft((d) => {
                // Moving the start keeps the trip's length (one hour when there was no end yet).
                const oldStart = d.startsAt ? fromTokyoLocalInput(d.startsAt) : null;
                const oldEnd = d.endsAt ? fromTokyoLocalInput(d.endsAt) : null;
                const newStart = fromTokyoLocalInput(value);
                let endsAt = d.endsAt;
                if (newStart) {
                  const length = oldStart && oldEnd ? new Date(oldEnd).getTime() - new Date(oldStart).getTime() : 60 * 60_000;
                  if (length > 0) endsAt = toTokyoLocalInput(new Date(new Date(newStart).getTime() + length));
                }
                return { ...d, startsAt: value, endsAt };
              });
            }}
            description={t('cars.form.timeHelp')}
            error={errors.startsAt}
          />
          <TextInput
            type="datetime-local"
            label={t('cars.form.endsAt')}
            disabled={locked}
            required
            step={900}
            min={draft.startsAt || minInput}
            value={draft.endsAt}
            onChange={(e) => set('endsAt', e.currentTarget.value)}
            description={
              settings.data
                ? t('cars.form.hoursHelp', { from: settings.data.bookableFrom, until: settings.data.bookableUntil, hours: settings.data.maxDurationMinutes / 60 })
                : t('cars.form.timeHelp')
            }
            error={errors.endsAt}
          />
        </SimpleGrid>

        <TextInput label={t('cars.form.purpose')} required maxLength={200} value={draft.purpose} onChange={(e) => set('purpose', e.currentTarget.value)} description={t('cars.form.purposeHelp')} error={errors.purpose} />
        <TextInput label={t('cars.form.destination')} required maxLength={200} value={draft.destination} onChange={(e) => set('destination', e.currentTarget.value)} description={t('cars.form.destinationHelp')} error={errors.destination} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            hideControls
            label={t('cars.form.passengers')}
            min={0}
            max={29}
            allowDecimal={false}
            allowNegative={false}
            value={draft.passengers}
            onChange={(v) => set('passengers', v)}
            description={t('cars.form.passengersHelp')}
            error={errors.passengers}
          />
          <Checkbox
            mt={{ base: 0, sm: 30 }}
            size="md"
            label={t('cars.form.outOfPrefecture')}
            description={t('cars.form.outOfPrefectureHelp')}
            checked={draft.outOfPrefecture}
            onChange={(e) => set('outOfPrefecture', e.currentTarget.checked)}
          />
        </SimpleGrid>
        {isAdmin && !booking && (
          <TextInput
            label={t('cars.form.priorityReason')}
            maxLength={200}
            value={draft.priorityReason}
            onChange={(e) => set('priorityReason', e.currentTarget.value)}
            description={t('cars.form.priorityReasonHelp')}
            error={errors.priorityReason}
          />
        )}
        {Object.keys(errors).length > 0 && (
          <Text c="red.9" fw={600} role="alert">
            {t('validation.invalid')}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {booking ? t('cars.form.saveChanges') : t('cars.form.submit')}
          </Button>
        </Group>
        {!booking && (
          <Text size="sm" c="dimmed">
            {t('cars.form.firstComeNote')}
          </Text>
        )}
      </Stack>
    </form>
  );
}
