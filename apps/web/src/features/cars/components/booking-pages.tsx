import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CarBooking } from '@rr/contracts';
import { useBooking } from '../api/cars.api';
import { BookingForm, draftFromBooking, type BookingDraft } from './booking-form';
import { BookingStatusBadge } from './badges';
import { formatTrip } from '../lib/slots';
import { useCurrentUser } from '../../auth/hooks/use-current-user';
import { PageHeader } from '../../../shared/components/page-header';
import { ErrorAlert } from '../../../shared/components/error-alert';
import { LoadingState } from '../../../shared/components/loading-state';
import { useLang } from '../../../shared/hooks/use-lang';
import { toTokyoLocalInput } from '../../../shared/time/tokyo';

/** What the next screen says after a booking was made or changed (read from router state). */
export interface BookingNotice {
  notice: string;
}

function useDoneNotice() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  return (key: 'cars.form.created' | 'cars.form.updated', b: CarBooking, to = '/cars/bookings') => {
    const state: BookingNotice = { notice: t(key, { plate: b.plateNumber, range: formatTrip(b.startsAt, b.endsAt, lang) }) };
    void navigate(to, { state });
  };
}

/** 新規予約: prefilled from the availability grid (?carId&startsAt&endsAt) or from scratch. */
export function BookingNewPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const done = useDoneNotice();
  const initial: BookingDraft = {
    classCode: params.get('classCode') ?? '',
    carId: params.get('carId') ?? '',
    driverId: user.id,
    startsAt: toTokyoLocalInput(params.get('startsAt')),
    endsAt: toTokyoLocalInput(params.get('endsAt')),
    purpose: '',
    destination: '',
    passengers: 0,
    outOfPrefecture: false,
    priorityReason: '',
  };
  const date = initial.startsAt.slice(0, 10);
  return (
    <Stack>
      <PageHeader title={t('cars.form.newTitle')} description={t('cars.form.newLead')} />
      <Anchor component={Link} to={date ? `/cars?date=${date}` : '/cars'} className="table-link" w="fit-content">
        {t('cars.form.backToAvailability')}
      </Anchor>
      <BookingForm initial={initial} onDone={(b) => done('cars.form.created', b)} />
    </Stack>
  );
}

/** 予約の変更 (holder, or a garage administrator reassigning a car). */
export function BookingEditPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id } = useParams();
  const [params] = useSearchParams();
  const back = params.get('back') === 'admin' ? '/cars/admin/bookings' : '/cars/bookings';
  const booking = useBooking(id);
  const done = useDoneNotice();
  return (
    <Stack>
      <PageHeader title={t('cars.form.editTitle')} description={t('cars.form.editLead')} />
      <Anchor component={Link} to={back} className="table-link" w="fit-content">
        {t('cars.form.backToList')}
      </Anchor>
      <ErrorAlert error={booking.error} />
      {booking.isPending && <LoadingState />}
      {booking.data && (
        <>
          <Text>
            {booking.data.plateNumber} — {formatTrip(booking.data.startsAt, booking.data.endsAt, lang)} <BookingStatusBadge status={booking.data.status} />
          </Text>
          <BookingForm key={booking.data.updatedAt} initial={draftFromBooking(booking.data)} booking={booking.data} onDone={(b) => done('cars.form.updated', b, back)} />
        </>
      )}
    </Stack>
  );
}
