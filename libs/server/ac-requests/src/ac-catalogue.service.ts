import { Inject, Injectable } from '@nestjs/common';
import type {
  AcBuildingDto,
  AcBudgetDto,
  AcSettingsDto,
  AcZoneDto,
  AddAcRate,
  CreateAcBuilding,
  CreateAcFloor,
  CreateAcZone,
  UpdateAcSettings,
  UpdateAcZone,
} from '@rr/contracts';
import { AcDeadlineSettings, AcReasonCategory, AcZone, AppError, BusinessCalendar, Clock, rateOn, tokyoDate } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { BusinessCalendarService } from '@rr/server/calendar';
import { TransactionHost } from '@rr/server/persistence';
import { AC_CLOCK } from './ac-clock';
import { AcErrors } from './ac.errors';
import { hhmm, minutesOf } from './ac-time';
import { runAcTransaction } from './ac-transaction';
import { AcZoneRow, AcZonesRepository, ZoneValues } from './ac-zones.repository';
import { currentCaller } from './actor';

export interface AcRules {
  zones: AcZone[];
  rows: Map<string, AcZoneRow>;
  calendar: BusinessCalendar;
  deadline: AcDeadlineSettings;
  reminderAfterHours: number;
}

function toDomainZone(row: AcZoneRow): AcZone {
  const range = (s: number | null, e: number | null) => (s === null || e === null ? null : { start: hhmm(s), end: hhmm(e) });
  return {
    id: row.id,
    name: row.name,
    normalHours: { business: range(row.business_start_minute, row.business_end_minute), closed: range(row.closed_start_minute, row.closed_end_minute) },
    rates: row.rates,
  };
}

export function toZoneDto(row: AcZoneRow, today: string): AcZoneDto {
  const zone = toDomainZone(row);
  let currentYenPerHour: number | null = null;
  try {
    currentYenPerHour = rateOn(zone, today);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    buildingId: row.building_id,
    buildingName: row.building_name,
    floorId: row.floor_id,
    floorLevel: Number(row.floor_level),
    floorName: row.floor_name,
    normalHours: zone.normalHours,
    active: row.active,
    currentYenPerHour,
    rates: row.rates,
  };
}

type HoursInput = CreateAcZone['normalHours'];

function hoursValues(hours: HoursInput): Omit<ZoneValues, 'floorId' | 'code' | 'name'> {
  const pair = (r: { start: string; end: string } | null) => {
    if (!r) return [null, null] as const;
    const start = minutesOf(r.start);
    const end = minutesOf(r.end);
    if (end <= start) throw new AppError('AC_INVALID_RANGE', 'validation', { start: r.start, end: r.end });
    return [start, end] as const;
  };
  const [businessStart, businessEnd] = pair(hours.business);
  const [closedStart, closedEnd] = pair(hours.closed);
  return { businessStart, businessEnd, closedStart, closedEnd };
}

/**
 * The AC register (buildings, floors, zones with normal hours and a rate history), the feature's
 * settings and budgets, and the rule inputs every other service needs (zones as the domain sees
 * them, the business calendar, the deadline setting).
 */
@Injectable()
export class AcCatalogueService {
  constructor(
    private readonly repo: AcZonesRepository,
    private readonly calendars: BusinessCalendarService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(AC_CLOCK) readonly clock: Clock,
  ) {}

  /** Zones (inactive ones too when asked: approved requests still run on them), calendar and settings. */
  async rules(opts: { includeInactive?: boolean } = {}): Promise<AcRules> {
    const [rows, calendar, settings] = await Promise.all([this.repo.listZones({ includeInactive: opts.includeInactive }), this.calendars.calendar(), this.repo.settings()]);
    return {
      zones: rows.map(toDomainZone),
      rows: new Map(rows.map((r) => [r.id, r])),
      calendar,
      deadline: {
        rule: { businessDays: Number(settings.deadline_business_days), time: settings.deadline_time },
        urgentReasons: settings.urgent_reasons as AcReasonCategory[],
      },
      reminderAfterHours: Number(settings.reminder_after_hours),
    };
  }

  async listZones(includeInactive = false): Promise<AcZoneDto[]> {
    const today = tokyoDate(this.clock.now());
    return (await this.repo.listZones({ includeInactive })).map((r) => toZoneDto(r, today));
  }

  async listBuildings(): Promise<AcBuildingDto[]> {
    return (await this.repo.listBuildings()).map((b) => ({ id: b.id, code: b.code, name: b.name, floors: b.floors }));
  }

  async createBuilding(input: CreateAcBuilding): Promise<AcBuildingDto> {
    const id = await runAcTransaction(this.tx, async () => {
      const id = await this.repo.insertBuilding(input.code, input.name);
      await this.audit.record('ac_building.create', 'ac_building', id, null, input);
      return id;
    });
    return (await this.listBuildings()).find((b) => b.id === id)!;
  }

  async createFloor(buildingId: string, input: CreateAcFloor): Promise<AcBuildingDto> {
    await runAcTransaction(this.tx, async () => {
      const id = await this.repo.insertFloor(buildingId, input.level, input.name);
      await this.audit.record('ac_floor.create', 'ac_floor', id, null, { buildingId, ...input });
    });
    return (await this.listBuildings()).find((b) => b.id === buildingId)!;
  }

  async createZone(input: CreateAcZone): Promise<AcZoneDto> {
    const caller = currentCaller();
    const id = await runAcTransaction(this.tx, async () => {
      const id = await this.repo.insertZone({ floorId: input.floorId, code: input.code, name: input.name, ...hoursValues(input.normalHours) });
      await this.repo.insertRate(id, input.validFrom, input.yenPerHour, caller.id);
      await this.audit.record('ac_zone.create', 'ac_zone', id, null, input);
      return id;
    });
    return this.getZone(id);
  }

  async getZone(id: string): Promise<AcZoneDto> {
    const row = await this.repo.findZone(id);
    if (!row) throw AcErrors.zoneNotFound();
    return toZoneDto(row, tokyoDate(this.clock.now()));
  }

  async updateZone(id: string, patch: UpdateAcZone): Promise<AcZoneDto> {
    await runAcTransaction(this.tx, async () => {
      if (!(await this.repo.lockZone(id))) throw AcErrors.zoneNotFound();
      const before = await this.getZone(id);
      await this.repo.updateZone(id, { name: patch.name, active: patch.active, hours: patch.normalHours ? hoursValues(patch.normalHours) : undefined });
      await this.audit.record('ac_zone.update', 'ac_zone', id, before, await this.getZone(id));
    });
    return this.getZone(id);
  }

  /**
   * Adds a rate valid from a date. Earlier dates keep their old price (ADR 0011), and requests
   * already filed keep the price of their snapshot; a rate from a date already listed is refused.
   */
  async addRate(zoneId: string, input: AddAcRate): Promise<AcZoneDto> {
    const caller = currentCaller();
    await runAcTransaction(this.tx, async () => {
      if (!(await this.repo.lockZone(zoneId))) throw AcErrors.zoneNotFound();
      await this.repo.insertRate(zoneId, input.validFrom, input.yenPerHour, caller.id);
      await this.audit.record('ac_zone_rate.create', 'ac_zone', zoneId, null, input);
    });
    return this.getZone(zoneId);
  }

  async settings(): Promise<AcSettingsDto> {
    const row = await this.repo.settings();
    return {
      deadlineBusinessDays: Number(row.deadline_business_days),
      deadlineTime: row.deadline_time,
      urgentReasons: row.urgent_reasons as AcSettingsDto['urgentReasons'],
      reminderAfterHours: Number(row.reminder_after_hours),
    };
  }

  async updateSettings(patch: UpdateAcSettings): Promise<AcSettingsDto> {
    await runAcTransaction(this.tx, async () => {
      const before = await this.settings();
      await this.repo.updateSettings(patch);
      await this.audit.record('ac_settings.update', 'ac_settings', '1', before, await this.settings());
    });
    return this.settings();
  }

  async putBudget(fiscalYear: number, yen: number): Promise<AcBudgetDto> {
    await runAcTransaction(this.tx, async () => {
      const before = await this.repo.putBudget(fiscalYear, yen);
      await this.audit.record('ac_budget.set', 'ac_budget', String(fiscalYear), before === null ? null : { yen: before }, { yen });
    });
    return { fiscalYear, yen };
  }

  budget(fiscalYear: number): Promise<number | null> {
    return this.repo.budget(fiscalYear);
  }
}
