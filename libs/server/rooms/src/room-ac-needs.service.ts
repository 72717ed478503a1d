import { Injectable } from '@nestjs/common';
import type { RoomAcNeed, RoomAcNeedsQuery } from '@rr/contracts';
import { BusinessCalendarService } from '@rr/server/calendar';
import { RoomAcNeedRow, RoomAcNeedsRepository } from './room-ac-needs.repository';
import { RoomSettingsService } from './room-settings.service';
import { AcNeed, acNeedFor, acRequestLink, tokyoWallClock } from './rules/ac-need';
import { minuteToHhmm } from './rules/minutes';

const ZONE_CACHE_MS = 30_000;

const toRoomAcNeed = (r: RoomAcNeedRow): RoomAcNeed => {
  const need = { date: r.date, startMinute: r.start_minute, endMinute: r.end_minute };
  return {
    id: r.id,
    bookingId: r.booking_id,
    roomName: r.room_name,
    title: r.title,
    organiserId: r.organiser_id,
    organiserName: r.organiser_name,
    zoneCode: r.zone_code,
    date: r.date,
    start: minuteToHhmm(r.start_minute),
    end: minuteToHhmm(r.end_minute),
    status: r.status,
    link: acRequestLink(r.zone_code, need),
  };
};

/**
 * The after-hours link (ADR 0017): which bookings need an AC extension, and the recorded needs the
 * AC feature picks up. AC hours end at the room's AC zone's normal end on business days (ac_zones,
 * the AC feature's register), or at the setting's end (default 17:15) for a zone not registered
 * there; none on closed days (閉庁日, from the city's business calendar).
 */
@Injectable()
export class RoomAcNeedsService {
  /** zone code → end of its normal hours, as read at `at` (zones change rarely; ≤ 30 s old). */
  private readonly zoneEnds = new Map<string, { end: number | null; at: number }>();

  constructor(
    private readonly repo: RoomAcNeedsRepository,
    private readonly settings: RoomSettingsService,
    private readonly calendars: BusinessCalendarService,
  ) {}

  async needFor(startsAt: Date, endsAt: Date, zoneCode: string): Promise<AcNeed | null> {
    const [settings, calendar, zoneEnd] = await Promise.all([this.settings.get(), this.calendars.calendar(), this.zoneEnd(zoneCode)]);
    return acNeedFor(startsAt, endsAt, zoneEnd ?? settings.acEndMinute, calendar.isBusinessDay(tokyoWallClock(startsAt).date));
  }

  private async zoneEnd(zoneCode: string): Promise<number | null> {
    const hit = this.zoneEnds.get(zoneCode);
    if (hit && Date.now() - hit.at < ZONE_CACHE_MS) return hit.end;
    const end = await this.repo.zoneBusinessEnd(zoneCode);
    this.zoneEnds.set(zoneCode, { end, at: Date.now() });
    return end;
  }

  async list(query: RoomAcNeedsQuery): Promise<RoomAcNeed[]> {
    return (await this.repo.list(query)).map(toRoomAcNeed);
  }

  /** For the AC feature, in its transaction: the booking's open need became request `acRequestId`. */
  markRequested(bookingId: string, acRequestId: string): Promise<boolean> {
    return this.repo.markRequested(bookingId, acRequestId);
  }
}
