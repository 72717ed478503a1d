import type { INestApplication } from '@nestjs/common';
import type { Role } from '@rr/contracts';
import { parseDrawRecord, verifyDrawRecord } from '@rr/domain';
import { AuditModule } from '@rr/server/audit';
import { IdentityModule } from '@rr/server/identity';
import { RoomsModule } from '@rr/server/rooms';
import { createFeatureTestApp, makeUser, SignedInClient } from '@rr/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RoomLotteryMachine } from './room-lottery.machine';
import { RoomLotteryModule } from './room-lottery.module';
import { DateTime } from 'luxon';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const tokyoDay = (days: number) => DateTime.now().setZone('Asia/Tokyo').startOf('day').plus({ days });
const at = (days: number, hhmm: string) => `${tokyoDay(days).toISODate()}T${hhmm}:00+09:00`;

describe('High-demand room lottery (HTTP and state machine, real PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let machine: RoomLotteryMachine;

  beforeAll(async () => {
    app = await createFeatureTestApp([AuditModule, IdentityModule, RoomsModule, RoomLotteryModule]);
    ds = app.get(DataSource);
    machine = app.get(RoomLotteryMachine);
  });
  afterAll(() => app.close());

  const signIn = async (roles: Role[] = ['staff']) => {
    const { user, password } = await makeUser(ds, { roles });
    return { user, client: await SignedInClient.signIn(app, user.username, password) };
  };
  const room = async (highDemand: boolean) => {
    const [row] = await ds.query(
      `INSERT INTO rooms (building, floor, zone_code, type, name, capacity, high_demand) VALUES ($1, 5, '5F-east', 'meeting_room', $2, 20, $3) RETURNING id`,
      [`抽選庁舎${randomUUID().slice(0, 8)}`, `大会議室${randomUUID().slice(0, 6)}`, highDemand],
    );
    return row.id as string;
  };
  /** Window open now; the period is days 8–9 from today (Tokyo). */
  const schedule = (opensAt = Date.now() - HOUR, closesAt = Date.now() + HOUR) => ({
    periodStart: tokyoDay(8).toISO()!,
    periodEnd: tokyoDay(10).toISO()!,
    opensAt: iso(opensAt),
    closesAt: iso(closesAt),
    drawAt: iso(closesAt + HOUR),
    confirmBy: iso(closesAt + 3 * HOUR),
    firstComeAt: iso(closesAt + 4 * HOUR),
  });
  const entry = (roomId: string, hhmm: [string, string] = ['10:00', '11:00'], day = 8) => ({ roomId, startsAt: at(day, hhmm[0]), endsAt: at(day, hhmm[1]) });

  it('should draw one winner among applicants competing for one room slot, book it, notify everyone, and be reproducible from the record', async () => {
    const admin = await signIn(['staff', 'general_affairs']);
    const hall = await room(true);
    const other = await room(true);
    const plain = await room(false);

    // Only high-demand rooms; only administrators.
    const notHigh = await admin.client.post('/api/room-lottery/rounds', { name: '不可', roomIds: [hall, plain], ...schedule() });
    expect([notHigh.status, notHigh.body.code]).toEqual([400, 'ROOM_LOTTERY_NOT_HIGH_DEMAND']);
    const staffOnly = await signIn();
    expect((await staffOnly.client.post('/api/room-lottery/rounds', { name: '不可', roomIds: [hall], ...schedule() })).status).toBe(403);

    const created = await admin.client.post('/api/room-lottery/rounds', { name: '5階 大会議室', roomIds: [hall, other], ...schedule() });
    expect([created.status, created.body.code]).toEqual([201, undefined]);
    const roundId = created.body.id as string;
    expect(created.body.status).toBe('open');

    // First-come inside the period of an undrawn round is refused with a clear code; outside it is fine.
    const firstCome = await staffOnly.client.post('/api/room-bookings', { roomId: hall, title: '先着', attendees: 4, startsAt: at(8, '13:00'), endsAt: at(8, '14:00') });
    expect([firstCome.status, firstCome.body.code]).toEqual([409, 'ROOM_LOTTERY_PERIOD']);
    const outside = await staffOnly.client.post('/api/room-bookings', { roomId: hall, title: '先着', attendees: 4, startsAt: at(11, '13:00'), endsAt: at(11, '14:00') });
    expect([outside.status, outside.body.code]).toEqual([201, undefined]);
    // A recurring series reports the occurrence the round holds instead of booking it (ADR 0021).
    const series = await staffOnly.client.post('/api/room-series', {
      roomId: hall,
      title: '定例',
      attendees: 4,
      firstDate: tokyoDay(9).toISODate(),
      startTime: '15:00',
      endTime: '16:00',
      rrule: 'FREQ=DAILY;COUNT=3',
      skipClosedDays: false,
    });
    expect(series.status).toBe(201);
    expect(series.body.occurrences.map((o: { date: string; status: string }) => [o.date, o.status])).toEqual([
      [tokyoDay(9).toISODate(), 'lottery_period'],
      [tokyoDay(10).toISODate(), 'created'],
      [tokyoDay(11).toISODate(), 'created'],
    ]);

    // Bad input: outside the period, more than three choices, a room not in the round.
    const outsidePeriod = await staffOnly.client.post(`/api/room-lottery/rounds/${roundId}/requests`, { title: '会議', attendees: 5, options: [entry(hall, ['10:00', '11:00'], 12)] });
    expect([outsidePeriod.status, outsidePeriod.body.code]).toEqual([400, 'ROOM_LOTTERY_OUTSIDE_PERIOD']);
    const four = await staffOnly.client.post(`/api/room-lottery/rounds/${roundId}/requests`, {
      title: '会議',
      attendees: 5,
      options: [entry(hall), entry(hall, ['11:00', '12:00']), entry(hall, ['13:00', '14:00']), entry(hall, ['14:00', '15:00'])],
    });
    expect([four.status, four.body.code]).toEqual([400, 'ROOM_LOTTERY_TOO_MANY_OPTIONS']);
    const notInRound = await staffOnly.client.post(`/api/room-lottery/rounds/${roundId}/requests`, { title: '会議', attendees: 5, options: [entry(plain)] });
    expect([notInRound.status, notInRound.body.code]).toEqual([400, 'ROOM_LOTTERY_NOT_IN_ROUND']);
    const offGrid = await staffOnly.client.post(`/api/room-lottery/rounds/${roundId}/requests`, { title: '会議', attendees: 5, options: [entry(hall, ['10:05', '11:00'])] });
    expect(offGrid.status).toBe(400);
    expect(await ds.query(`SELECT id FROM room_lottery_requests WHERE round_id = $1`, [roundId])).toEqual([]);

    // Six applicants want the same hall slot; one also edits, one withdraws and re-applies.
    const applicants = await Promise.all(Array.from({ length: 6 }, () => signIn()));
    const requestIds: string[] = [];
    for (const a of applicants) {
      const res = await a.client.post(`/api/room-lottery/rounds/${roundId}/requests`, { title: `課内会議 ${a.user.username}`, attendees: 8, options: [entry(hall)] });
      expect([res.status, res.body.code]).toEqual([201, undefined]);
      requestIds.push(res.body.id);
    }
    const edited = await applicants[0].client.patch(`/api/room-lottery/requests/${requestIds[0]}`, { title: '予算説明会' });
    expect([edited.status, edited.body.title]).toEqual([200, '予算説明会']);
    expect((await applicants[1].client.patch(`/api/room-lottery/requests/${requestIds[0]}`, { title: '横取り' })).status).toBe(403);
    expect((await applicants[5].client.delete(`/api/room-lottery/requests/${requestIds[5]}`)).status).toBe(204);
    const again = await applicants[5].client.post(`/api/room-lottery/rounds/${roundId}/requests`, { title: '再申込', attendees: 8, options: [entry(hall)] });
    requestIds[5] = again.body.id;

    const round = (await ds.query(`SELECT closes_at, draw_at, confirm_by, first_come_at FROM room_lottery_rounds WHERE id = $1`, [roundId]))[0];
    // Two workers' ticks at the draw time: each step runs exactly once.
    const [t1, t2] = await Promise.all([machine.advance(roundId, round.draw_at), machine.advance(roundId, round.draw_at)]);
    expect([...t1, ...t2].map((s) => s.to).sort()).toEqual(['closed', 'drawn']);
    expect((await machine.advance(roundId, round.draw_at)).length).toBe(0);

    const rows: Array<{ id: string; user_id: string; status: string; booking_id: string | null }> = await ds.query(
      `SELECT id, user_id, status, booking_id FROM room_lottery_requests WHERE round_id = $1 ORDER BY id`,
      [roundId],
    );
    const winners = rows.filter((r) => r.status === 'won');
    expect(winners).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'lost')).toHaveLength(5);
    const bookings = await ds.query(`SELECT id, room_id, organiser_id, status FROM room_bookings WHERE room_id = $1 AND starts_at = $2`, [hall, at(8, '10:00')]);
    expect(bookings).toEqual([{ id: winners[0].booking_id, room_id: hall, organiser_id: winners[0].user_id, status: 'active' }]);

    const won = await ds.query(`SELECT recipient_id FROM notifications WHERE type = 'room_lottery.won' AND payload->>'roundId' = $1`, [roundId]);
    const lost = await ds.query(`SELECT recipient_id FROM notifications WHERE type = 'room_lottery.lost' AND payload->>'roundId' = $1 ORDER BY recipient_id`, [roundId]);
    expect(won.map((n: { recipient_id: string }) => n.recipient_id)).toEqual([winners[0].user_id]);
    expect(lost.map((n: { recipient_id: string }) => n.recipient_id)).toEqual(rows.filter((r) => r.status === 'lost').map((r) => r.user_id).sort());

    // Losers' streaks grow, the winner's is 0: the next round gives the losers more tickets.
    const streaks = await ds.query(`SELECT user_id, zero_win_streak FROM room_lottery_streaks WHERE last_round_id = $1`, [roundId]);
    expect(streaks).toHaveLength(6);
    for (const s of streaks) expect(s.zero_win_streak).toBe(s.user_id === winners[0].user_id ? 0 : 1);

    // The record re-runs to the same result (same inputs → same winner), and is append-only.
    const record = await admin.client.get(`/api/room-lottery/rounds/${roundId}/record`);
    expect(record.status).toBe(200);
    const verified = verifyDrawRecord(parseDrawRecord(record.body));
    expect(verified.ok).toBe(true);
    expect(record.body.outcome.filter((o: { option: number }) => o.option > 0).map((o: { requestId: string }) => o.requestId)).toEqual([winners[0].id]);
    await expect(ds.query(`UPDATE room_lottery_draw_records SET seed = 'x' WHERE round_id = $1`, [roundId])).rejects.toThrow();

    // Confirm / decline: only the winner's own win, before the deadline.
    const winner = applicants.find((a) => a.user.id === winners[0].user_id)!;
    const loser = applicants.find((a) => a.user.id !== winners[0].user_id)!;
    const loserRequest = rows.find((r) => r.user_id === loser.user.id)!;
    expect((await loser.client.post(`/api/room-lottery/requests/${loserRequest.id}/confirm`, {})).body.code).toBe('ROOM_LOTTERY_NOT_A_WIN');
    const confirmed = await winner.client.post(`/api/room-lottery/requests/${winners[0].id}/confirm`, {});
    expect([confirmed.status, confirmed.body.status]).toEqual([200, 'confirmed']);

    // Admin sees every entry; staff only their own.
    expect((await admin.client.get(`/api/room-lottery/rounds/${roundId}/requests?all=true`)).body).toHaveLength(6);
    expect((await loser.client.get(`/api/room-lottery/rounds/${roundId}/requests?all=true`)).body).toHaveLength(1);

    // After the first-come time the round is done and the room is first-come again.
    expect((await machine.advance(roundId, round.first_come_at)).map((s) => s.to)).toEqual(['done']);
    expect((await ds.query(`SELECT status FROM room_bookings WHERE id = $1`, [winners[0].booking_id]))[0].status).toBe('active');
  });

  it('should refuse applying after the window closed, and void unconfirmed wins at the first-come time (freeing their bookings)', async () => {
    const admin = await signIn(['staff', 'sysadmin']);
    const hall = await room(true);
    const closed = await admin.client.post('/api/room-lottery/rounds', { name: '締切済', roomIds: [hall], ...schedule(Date.now() - 2 * HOUR, Date.now() - HOUR) });
    expect(closed.status).toBe(201);
    const late = await (await signIn()).client.post(`/api/room-lottery/rounds/${closed.body.id}/requests`, { title: '遅刻', attendees: 3, options: [entry(hall)] });
    expect([late.status, late.body.code]).toEqual([409, 'ROOM_LOTTERY_WINDOW_CLOSED']);

    const a = await signIn();
    const hall2 = await room(true);
    const r = await admin.client.post('/api/room-lottery/rounds', { name: '確定なし', roomIds: [hall2], ...schedule() });
    const req = await a.client.post(`/api/room-lottery/rounds/${r.body.id}/requests`, { title: '打合せ', attendees: 3, options: [entry(hall2, ['09:00', '10:00']), entry(hall2)] });
    expect(req.status).toBe(201);
    const round = (await ds.query(`SELECT draw_at, first_come_at FROM room_lottery_rounds WHERE id = $1`, [r.body.id]))[0];
    await machine.advance(r.body.id, round.draw_at);
    const [row] = await ds.query(`SELECT status, won_option, booking_id FROM room_lottery_requests WHERE id = $1`, [req.body.id]);
    expect([row.status, row.won_option]).toEqual(['won', 1]);
    await machine.advance(r.body.id, round.first_come_at);
    expect((await ds.query(`SELECT status FROM room_lottery_requests WHERE id = $1`, [req.body.id]))[0].status).toBe('void');
    expect((await ds.query(`SELECT status FROM room_bookings WHERE id = $1`, [row.booking_id]))[0].status).toBe('cancelled');
  });
});
