import { NOTIFICATION_TYPE_NAMES } from '@rr/contracts';
import { absoluteLink, emailContent, escapeHtml } from './email-template';
import { formatTokyo, renderNotification } from './notification-templates';

const ROUND = '0b9e6c2e-1111-4222-8333-944445555601';
const REQ = '0b9e6c2e-1111-4222-8333-944445555602';
const BOOKING = '0b9e6c2e-1111-4222-8333-944445555603';
const TRIP = { startsAt: '2026-12-14T00:00:00Z', endsAt: '2026-12-14T03:00:00Z' };
/** Car lottery types (docs/adr/0010-lottery-rounds.md). */
const LOTTERY_SAMPLES = {
  'lottery.round_open': { roundId: ROUND, poolName: '勝山', periodStart: '2026-12-13T15:00:00Z', periodEnd: '2026-12-20T15:00:00Z', closesAt: '2026-12-02T08:15:00Z', drawAt: '2026-12-03T00:00:00Z' },
  'lottery.won': { roundId: ROUND, poolName: '勝山', confirmBy: '2026-12-04T08:15:00Z', wins: [{ requestId: REQ, bookingId: BOOKING, option: 1, className: '軽自動車', plateNumber: '北九州 580 あ 10-01', ...TRIP }] },
  'lottery.lost': { roundId: ROUND, poolName: '勝山', requestCount: 2 },
  'lottery.promoted': { roundId: ROUND, poolName: '勝山', requestId: REQ, bookingId: BOOKING, className: '軽自動車', plateNumber: '北九州 580 あ 10-01', ...TRIP },
  'lottery.confirm_reminder': { roundId: ROUND, poolName: '勝山', confirmBy: '2026-12-04T08:15:00Z', pending: 1 },
  'lottery.win_void': { roundId: ROUND, poolName: '勝山', requestId: REQ, bookingId: BOOKING, ...TRIP },
} as const;
/** Meeting-room types (docs/adr/0017-room-series-check-in-feeds.md). */
const ROOM_SAMPLES = {
  'room.released': { bookingId: BOOKING, roomName: '第3会議室', title: '課内打合せ', ...TRIP, releaseAfterMinutes: 15 },
  'room_lottery.won': { roundId: ROUND, roundName: '本庁舎 繁忙会議室', confirmBy: '2026-12-04T08:15:00Z', wins: [{ requestId: REQ, bookingId: BOOKING, option: 1, roomName: '大会議室', title: '課内打合せ', ...TRIP }] },
  'room_lottery.lost': { roundId: ROUND, roundName: '本庁舎 繁忙会議室', requestCount: 2 },
} as const;
/** Garage counter types (docs/adr/0013-garage-counter-records.md). */
const GARAGE_SAMPLES = {
  'garage.alcohol_detected': { checkId: REQ, phase: 'pre', driverName: '運転 花子', checkerName: '車庫 管理', plateNumber: '北九州 580 あ 10-01', readingMgL: 0.12, alcoholDetected: true, checkedAt: TRIP.startsAt, instructions: '運転禁止' },
  'garage.no_show': { bookingId: BOOKING, plateNumber: '北九州 580 あ 10-01', ...TRIP, noShowMinutes: 30 },
  'garage.late_return': { bookingId: BOOKING, lateBookingId: REQ, plateNumber: '北九州 580 あ 10-01', startsAt: TRIP.startsAt, alternativeCarId: null, alternativePlateNumber: null },
  'garage.booking_moved': { bookingId: BOOKING, fromPlateNumber: '北九州 580 あ 10-01', toPlateNumber: '北九州 580 あ 10-02', ...TRIP },
  'garage.car_unavailable': { bookingId: BOOKING, plateNumber: '北九州 580 あ 10-01', ...TRIP },
  'garage.detector_overdue': { detectorId: REQ, serialNumber: 'AL-0001', location: '勝山地下駐車場', reasons: ['weekly_overdue'] },
} as const;

/** Maintenance blocks moving or stranding car bookings (docs/adr/0019-lottery-web-screens.md). */
const CAR_SAMPLES = {
  'car.block_moved': { bookingId: BOOKING, kind: 'shaken', fromPlateNumber: '北九州 580 あ 10-01', toPlateNumber: '北九州 580 あ 10-02', ...TRIP },
  'car.block_unavailable': { bookingId: BOOKING, kind: 'inspection', plateNumber: '北九州 580 あ 10-01', ...TRIP },
  'driver.licence_expiring': { driverId: REQ, driverName: '運転 花子', licenceExpiresOn: '2026-12-31', daysLeft: 17, audience: 'admin' },
} as const;

/** After-hours AC types (docs/adr/0016-ac-approval-route.md). */
const AC_SAMPLES = {
  'ac.approval_requested': { requestId: REQ, number: 12, step: 'endorse', sectionName: '環境学習課', applicantName: '申請 花子', dates: ['2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17'], start: '17:15', end: '19:00', totalYen: 52_500, late: true, actingForName: '課長 一郎' },
  'ac.request_decided': { requestId: REQ, number: 12, action: 'approve', deciderName: '総務 次郎', onBehalfOfName: null, comment: null, dates: ['2026-12-14'] },
  'ac.post_review': { requestId: REQ, number: 12, action: 'endorse', deputyName: '係長 三郎', sectionName: '環境学習課', dates: ['2026-12-14'], totalYen: 52_500 },
  'ac.instructions_changed': { date: '2026-12-14', revision: 2, instructionCount: 3 },
  'ac.approval_overdue': { requestId: REQ, number: 12, step: 'approve', sectionName: '環境学習課', waitingSince: '2026-12-10T08:00:00Z', firstDate: '2026-12-14' },
} as const;

describe(renderNotification.name, () => {
  it('should render every type in both languages', () => {
    const samples = {
      'system.test': {},
      'reminder.scheduled': { title: 'タイトル' },
      'absence.starts_tomorrow': {
        absenceId: '0b9e6c2e-1111-4222-8333-944445555666',
        absentUserId: '0b9e6c2e-1111-4222-8333-944445555667',
        absentUserName: '総務 一郎',
        startsAt: '2026-12-03T00:00:00Z',
        endsAt: '2026-12-05T09:00:00Z',
        reason: '出張',
        role: 'deputy',
      },
      'approval.requested': { kind: '時間外空調申請', title: '3F 延長', requesterName: '申請 花子' },
      'digest.daily': { date: '2026-12-03', items: [{ title: 'a', body: 'b', link: null, at: '2026-12-03T00:00:00Z' }] },
      ...LOTTERY_SAMPLES,
      ...GARAGE_SAMPLES,
      ...CAR_SAMPLES,
      ...AC_SAMPLES,
      ...ROOM_SAMPLES,
    } as const;
    for (const type of NOTIFICATION_TYPE_NAMES) {
      for (const locale of ['ja', 'en'] as const) {
        const r = renderNotification(type, samples[type] as never, locale);
        expect(r.title.length).toBeGreaterThan(0);
      }
    }
  });

  it('should write the absence dates in Tokyo time, in the reader’s language', () => {
    const payload = {
      absenceId: '0b9e6c2e-1111-4222-8333-944445555666',
      absentUserId: '0b9e6c2e-1111-4222-8333-944445555667',
      absentUserName: '総務 一郎',
      startsAt: '2026-12-03T00:00:00Z',
      endsAt: '2026-12-04T09:00:00Z',
      reason: '出張',
      role: 'deputy' as const,
    };
    expect(renderNotification('absence.starts_tomorrow', payload, 'ja').body).toContain('2026年12月3日(木) 09:00 から 2026年12月4日(金) 18:00 まで');
    expect(renderNotification('absence.starts_tomorrow', payload, 'en').body).toContain('from Thu 3 Dec 2026, 09:00 to Fri 4 Dec 2026, 18:00');
  });

  it('should send the driver to their registration and the administrators to the driver register', () => {
    const payload = { driverId: REQ, driverName: '運転 花子', licenceExpiresOn: '2026-12-31', daysLeft: 17 } as const;
    const own = renderNotification('driver.licence_expiring', { ...payload, audience: 'driver' }, 'ja');
    expect(own.link).toBe('/cars/driver');
    expect(own.body).toContain('2026-12-31');
    expect(own.body).toContain('あと17日');
    const admin = renderNotification('driver.licence_expiring', { ...payload, audience: 'admin' }, 'en');
    expect(admin.link).toBe('/cars/admin/drivers');
    expect(admin.title).toContain('運転 花子');
    expect(renderNotification('driver.licence_expiring', { ...payload, daysLeft: 0, audience: 'driver' }, 'en').body).toContain('expires today');
  });

  it('should format the Tokyo date whatever the server’s zone', () => {
    expect(formatTokyo('2026-12-31T15:30:00Z', 'ja')).toBe('2027年1月1日(金) 00:30');
  });
});

describe(emailContent.name, () => {
  it('should escape HTML, keep the plain text as written and make the link absolute', () => {
    const c = emailContent({ title: '<b>件名</b>', body: 'a & b\n二行目', link: '/rooms/1' }, '試験 <太郎>', 'ja', 'https://rr.city.example.jp');
    expect(c.subject).toBe('【庁内リソース予約】<b>件名</b>');
    expect(c.text).toContain('試験 <太郎> 様');
    expect(c.text).toContain('詳細を開く: https://rr.city.example.jp/rooms/1');
    expect(c.html).toContain('&lt;b&gt;件名&lt;/b&gt;');
    expect(c.html).toContain('<p style="margin:0 0 8px">a &amp; b</p>');
    expect(c.html).not.toContain('<太郎>');
  });

  it('should drop links that are not in-app paths', () => {
    expect(absoluteLink('//evil.example/x', 'https://rr.city.example.jp')).toBeNull();
    expect(absoluteLink('https://evil.example/x', 'https://rr.city.example.jp')).toBeNull();
    expect(absoluteLink('/a?b=1', 'https://rr.city.example.jp/base/')).toBe('https://rr.city.example.jp/base/a?b=1');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });
});
