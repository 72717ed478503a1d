import { Inject, Injectable } from '@nestjs/common';
import {
  CancelRoomSeries,
  CreateRoomSeries,
  ROOM_SERIES_MAX_OCCURRENCES,
  RoomOccurrence,
  RoomOccurrenceStatus,
  RoomSeries,
  RoomSeriesResult,
  UpdateRoomSeries,
} from '@rr/contracts';
import { AppError, Clock, TOKYO, tokyoInstant } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { BusinessCalendarService } from '@rr/server/calendar';
import { TransactionHost } from '@rr/server/persistence';
import { DateTime } from 'luxon';
import { currentActor, RoomActor } from './actor';
import { RoomAcNeedsRepository } from './room-ac-needs.repository';
import { RoomAcNeedsService } from './room-ac-needs.service';
import { RoomBookingsRepository } from './room-bookings.repository';
import { RoomLotteryPeriodCheck } from './room-lottery-period';
import { ConflictRow, RoomSeriesRepository, RoomSeriesRow } from './room-series.repository';
import { RoomSettingsService } from './room-settings.service';
import { runRoomTransaction } from './room-transaction';
import { ROOMS_CLOCK } from './rooms-clock';
import { RoomErrors } from './rooms.errors';
import { toRoomBooking, windowSettings } from './rooms.mappers';
import { RoomRow, RoomsRepository } from './rooms.repository';
import { hhmmToMinute, minuteToHhmm } from './rules/minutes';
import { checkRoomBookingWindow } from './rules/room-booking-window';
import { expandRoomSeries, parseRoomRrule } from './rules/series-expansion';
import { datePlus } from './rules/tokyo-days';

const seriesNotFound = () => new AppError('ROOM_SERIES_NOT_FOUND', 'not_found');
const noOccurrence = () => new AppError('ROOM_SERIES_NO_OCCURRENCE', 'conflict');

/** The instants of a Tokyo date's wall-clock range (an end of 24:00 is midnight of the next day). */
function instantsOf(date: string, startMinute: number, endMinute: number): { startsAt: Date; endsAt: Date } {
  const at = (d: string, minute: number) => (minute === 1440 ? tokyoInstant(datePlus(d, 1)) : tokyoInstant(d, minuteToHhmm(minute)));
  return { startsAt: at(date, startMinute), endsAt: at(date, endMinute) };
}

const conflictOf = (c: ConflictRow | null): RoomOccurrence['conflictWith'] =>
  c ? { bookingId: c.id, title: c.title, organiserName: c.organiser_name, startsAt: c.starts_at.toISOString(), endsAt: c.ends_at.toISOString() } : null;

function occurrence(date: string, startsAt: Date, endsAt: Date, status: RoomOccurrenceStatus, extra: Partial<RoomOccurrence> = {}): RoomOccurrence {
  return { date, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), status, bookingId: null, closedReason: null, conflictWith: null, ...extra };
}

function countsOf(occurrences: RoomOccurrence[]): RoomSeriesResult['counts'] {
  const counts: Partial<Record<RoomOccurrenceStatus, number>> = {};
  for (const o of occurrences) counts[o.status] = (counts[o.status] ?? 0) + 1;
  return counts as RoomSeriesResult['counts'];
}

/**
 * Recurring room bookings (ADR 0017). A series is a rule; its occurrences are ordinary bookings
 * (series_id, occurrence_date) guarded by the same exclusion constraint. Creating writes what is
 * free in one transaction and reports every other occurrence (conflict with what, blocked, closed
 * day); bad input (invalid RRULE, too many, outside the room's rules) writes nothing. One
 * occurrence is edited or cancelled through the booking endpoints; "this and following" here.
 */
@Injectable()
export class RoomSeriesService {
  constructor(
    private readonly repo: RoomSeriesRepository,
    private readonly bookings: RoomBookingsRepository,
    private readonly rooms: RoomsRepository,
    private readonly acNeeds: RoomAcNeedsService,
    private readonly acNeedRows: RoomAcNeedsRepository,
    private readonly settings: RoomSettingsService,
    private readonly calendars: BusinessCalendarService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    private readonly lotteryPeriod: RoomLotteryPeriodCheck,
    @Inject(ROOMS_CLOCK) private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<RoomSeries> {
    const actor = currentActor();
    const row = await this.repo.findView(id);
    if (!row) throw seriesNotFound();
    this.checkHolder(row, actor);
    return this.view(row);
  }

  async create(input: CreateRoomSeries): Promise<RoomSeriesResult> {
    const actor = currentActor();
    const now = this.clock.now();
    const startMinute = hhmmToMinute(input.startTime);
    const endMinute = hhmmToMinute(input.endTime);
    if (endMinute <= startMinute) throw new AppError('ROOM_TIME_INVALID_RANGE', 'validation');
    const rule = parseRoomRrule(input.rrule, input.firstDate);
    const calendar = await this.calendars.calendar();
    const { seriesId, occurrences } = await runRoomTransaction(this.tx, async () => {
      const organiserId = input.organiserId ?? actor.id;
      if (organiserId !== actor.id && !(await this.bookings.isActiveUser(organiserId))) throw RoomErrors.organiserNotFound();
      const room = await this.lockRoom(input.roomId, input.attendees);
      // The expansion bound lies just past the room's horizon; the window check below applies the exact rule.
      const limitDate = DateTime.fromJSDate(now, { zone: TOKYO }).startOf('day').plus({ months: room.horizon_months, days: 2 }).toISODate() as string;
      const dates = expandRoomSeries(rule, limitDate, ROOM_SERIES_MAX_OCCURRENCES);
      const slots = dates.map((date) => ({ date, ...instantsOf(date, startMinute, endMinute) }));
      for (const s of slots) checkRoomBookingWindow(s.startsAt, s.endsAt, windowSettings(room), now);

      const id = await this.repo.insert({
        roomId: room.id,
        title: input.title,
        organiserId,
        bookedBy: actor.id,
        attendees: input.attendees,
        rrule: rule.toString().replace(/^DTSTART[^\n]*\n/, '').replace(/^RRULE:/, ''),
        firstDate: input.firstDate,
        startMinute,
        endMinute,
        skipClosedDays: input.skipClosedDays,
      });
      const report: RoomOccurrence[] = [];
      for (const s of slots) {
        if (input.skipClosedDays && !calendar.isBusinessDay(s.date)) {
          report.push(occurrence(s.date, s.startsAt, s.endsAt, 'skipped_closed_day', { closedReason: calendar.closedReason(s.date)?.name ?? null }));
          continue;
        }
        if (await this.rooms.isBlocked(room.id, s.startsAt, s.endsAt)) {
          report.push(occurrence(s.date, s.startsAt, s.endsAt, 'blocked'));
          continue;
        }
        // A high-demand room's slot held by an undrawn lottery round (ADR 0021) is not first-come yet.
        if (room.high_demand && (await this.lotteryPeriod.lotteryUntil(room.id, s.startsAt, s.endsAt, now))) {
          report.push(occurrence(s.date, s.startsAt, s.endsAt, 'lottery_period'));
          continue;
        }
        const need = await this.acNeeds.needFor(s.startsAt, s.endsAt, room.zone_code);
        const bookingId = await this.repo.insertIfFree({
          roomId: room.id,
          title: input.title,
          organiserId,
          bookedBy: actor.id,
          attendees: input.attendees,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          seriesId: id,
          occurrenceDate: s.date,
          acExtensionNeeded: need !== null,
        });
        if (!bookingId) {
          report.push(occurrence(s.date, s.startsAt, s.endsAt, 'conflict', { conflictWith: conflictOf(await this.repo.conflictWith(room.id, s.startsAt, s.endsAt)) }));
          continue;
        }
        if (need) await this.acNeedRows.insert(bookingId, room.zone_code, need);
        await this.audit.record('room_booking.create', 'room_booking', bookingId, null, {
          roomId: room.id,
          title: input.title,
          organiserId,
          bookedBy: actor.id,
          attendees: input.attendees,
          startsAt: s.startsAt.toISOString(),
          endsAt: s.endsAt.toISOString(),
          status: 'active',
          seriesId: id,
        });
        report.push(occurrence(s.date, s.startsAt, s.endsAt, 'created', { bookingId }));
      }
      const created = report.filter((o) => o.status === 'created').map((o) => o.bookingId);
      await this.audit.record('room_series.create', 'room_series', id, null, { roomId: room.id, rrule: input.rrule, firstDate: input.firstDate, startTime: input.startTime, endTime: input.endTime, title: input.title, organiserId, created, counts: countsOf(report) });
      return { seriesId: id, occurrences: report };
    });
    return { series: await this.view((await this.repo.findView(seriesId))!), occurrences, counts: countsOf(occurrences) };
  }

  /**
   * "This and following": every active occurrence on or after `fromDate` that has not started.
   * Title, attendees and organiser change in place; a new time moves each occurrence, and one that
   * cannot move (taken, blocked) keeps its old time and is reported, never dropped.
   */
  async update(id: string, patch: UpdateRoomSeries): Promise<RoomSeriesResult> {
    const actor = currentActor();
    const now = this.clock.now();
    const occurrences = await runRoomTransaction(this.tx, async () => {
      const series = await this.repo.findView(id, true);
      if (!series) throw seriesNotFound();
      this.checkHolder(series, actor);
      const targets = (await this.repo.lockFollowing(id, patch.fromDate)).filter((t) => t.starts_at > now);
      if (targets.length === 0) throw noOccurrence();
      const organiserId = patch.organiserId ?? series.organiser_id;
      if (organiserId !== series.organiser_id && organiserId !== actor.id && !(await this.bookings.isActiveUser(organiserId))) throw RoomErrors.organiserNotFound();
      const attendees = patch.attendees ?? series.attendees;
      const startMinute = patch.startTime !== undefined ? hhmmToMinute(patch.startTime) : series.start_minute;
      const endMinute = patch.endTime !== undefined ? hhmmToMinute(patch.endTime) : series.end_minute;
      if (endMinute <= startMinute) throw new AppError('ROOM_TIME_INVALID_RANGE', 'validation');
      const timeChanged = startMinute !== series.start_minute || endMinute !== series.end_minute;
      const room = await this.lockRoom(series.room_id, attendees);
      const moves = targets.map((t) => ({ ...t, ...instantsOf(t.occurrence_date, startMinute, endMinute) }));
      if (timeChanged) for (const m of moves) checkRoomBookingWindow(m.startsAt, m.endsAt, windowSettings(room), now);

      const report: RoomOccurrence[] = [];
      for (const m of moves) {
        const fields = { title: patch.title ?? series.title, attendees, organiserId };
        let status: RoomOccurrenceStatus = 'updated';
        let conflictWith: RoomOccurrence['conflictWith'] = null;
        if (timeChanged) {
          if (await this.rooms.isBlocked(room.id, m.startsAt, m.endsAt)) status = 'blocked';
          else if (room.high_demand && (await this.lotteryPeriod.lotteryUntil(room.id, m.startsAt, m.endsAt, now))) status = 'lottery_period';
          else {
            const need = await this.acNeeds.needFor(m.startsAt, m.endsAt, room.zone_code);
            if (await this.repo.moveIfFree(m.id, m.startsAt, m.endsAt, need !== null)) await this.acNeedRows.sync(m.id, room.zone_code, need);
            else {
              status = 'conflict';
              conflictWith = conflictOf(await this.repo.conflictWith(room.id, m.startsAt, m.endsAt, m.id));
            }
          }
        }
        await this.bookings.update(m.id, fields);
        const at = status === 'updated' ? m : { startsAt: m.starts_at, endsAt: m.ends_at };
        await this.audit.record(
          'room_booking.update',
          'room_booking',
          m.id,
          { title: series.title, attendees: series.attendees, organiserId: series.organiser_id, startsAt: m.starts_at.toISOString(), endsAt: m.ends_at.toISOString() },
          { ...fields, startsAt: at.startsAt.toISOString(), endsAt: at.endsAt.toISOString(), seriesId: id },
        );
        report.push(occurrence(m.occurrence_date, at.startsAt, at.endsAt, status, { bookingId: m.id, conflictWith }));
      }
      const values = { title: patch.title ?? series.title, attendees, organiserId, startMinute, endMinute };
      await this.repo.update(id, values);
      await this.audit.record(
        'room_series.update',
        'room_series',
        id,
        { fromDate: patch.fromDate, title: series.title, attendees: series.attendees, organiserId: series.organiser_id, startTime: minuteToHhmm(series.start_minute), endTime: minuteToHhmm(series.end_minute) },
        { fromDate: patch.fromDate, ...values, startTime: minuteToHhmm(startMinute), endTime: minuteToHhmm(endMinute), counts: countsOf(report) },
      );
      return report;
    });
    return { series: await this.view((await this.repo.findView(id))!), occurrences, counts: countsOf(occurrences) };
  }

  /** Cancels "this and following": active occurrences on or after `fromDate` not yet started (administrators: also started ones). */
  async cancel(id: string, input: CancelRoomSeries): Promise<RoomSeriesResult> {
    const actor = currentActor();
    const now = this.clock.now();
    const occurrences = await runRoomTransaction(this.tx, async () => {
      const series = await this.repo.findView(id, true);
      if (!series) throw seriesNotFound();
      this.checkHolder(series, actor);
      const targets = (await this.repo.lockFollowing(id, input.fromDate)).filter((t) => actor.isAdmin || t.starts_at > now);
      if (targets.length === 0) throw noOccurrence();
      for (const t of targets) {
        await this.bookings.update(t.id, { status: 'cancelled', statusChangedAt: now });
        await this.audit.record('room_booking.cancel', 'room_booking', t.id, { status: 'active' }, { status: 'cancelled', seriesId: id });
      }
      await this.acNeedRows.voidFor(targets.map((t) => t.id));
      await this.audit.record('room_series.cancel', 'room_series', id, null, { fromDate: input.fromDate, cancelled: targets.map((t) => t.id) });
      return targets.map((t) => occurrence(t.occurrence_date, t.starts_at, t.ends_at, 'cancelled', { bookingId: t.id }));
    });
    return { series: await this.view((await this.repo.findView(id))!), occurrences, counts: countsOf(occurrences) };
  }

  // ------------------------------------------------------------------ helpers

  /** Locks the room like a single booking does (FOR NO KEY UPDATE), then: exists, active, big enough. */
  private async lockRoom(roomId: string, attendees: number): Promise<RoomRow> {
    const room = await this.rooms.lockForBooking(roomId);
    if (!room) throw RoomErrors.roomNotFound();
    if (!room.active) throw RoomErrors.inactive();
    if (attendees > room.capacity) throw RoomErrors.capacityExceeded(room.capacity);
    return room;
  }

  private checkHolder(series: RoomSeriesRow, actor: RoomActor): void {
    if (series.organiser_id !== actor.id && series.booked_by !== actor.id && !actor.isAdmin) throw RoomErrors.notHolder();
  }

  private async view(row: RoomSeriesRow): Promise<RoomSeries> {
    const [bookings, settings] = await Promise.all([this.repo.occurrences(row.id), this.settings.get()]);
    return {
      id: row.id,
      roomId: row.room_id,
      roomName: row.room_name,
      title: row.title,
      organiserId: row.organiser_id,
      organiserName: row.organiser_name,
      bookedById: row.booked_by,
      attendees: row.attendees,
      rrule: row.rrule,
      firstDate: row.first_date,
      startTime: minuteToHhmm(row.start_minute),
      endTime: minuteToHhmm(row.end_minute),
      skipClosedDays: row.skip_closed_days,
      createdAt: row.created_at.toISOString(),
      bookings: bookings.map((b) => toRoomBooking(b, settings)),
    };
  }
}
