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
