import { Injectable } from '@nestjs/common';
import type { Driver, DriversQuery, DriverStatus, SectionDriver, UpsertDriver, UpsertOwnDriver } from '@rr/contracts';
import { tokyoDate } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { DriverEntity, TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { CarErrors, mapCarWriteError } from './cars.errors';
import { CarSettingsService } from './car-settings.service';
import { DriverRow, DriversRepository, DriverValues } from './drivers.repository';
import { driverEligibility, maskLicenceNumber, tokyoDatePlusDays } from './rules/driver-eligibility';

function toDriver(row: DriverRow, now: Date, warningDays: number, mask: boolean): Driver {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    nameKana: row.name_kana,
    employeeNumber: row.employee_number,
    sectionId: row.section_id,
    sectionName: row.section_name,
    licenceNumber: mask ? maskLicenceNumber(row.licence_number) : row.licence_number,
    licenceExpiresOn: row.licence_expires_on,
    licenceConditions: row.licence_conditions,
    firstLicensedOn: row.first_licensed_on,
    approved: row.approved,
    approvedAt: row.approved_at ? row.approved_at.toISOString() : null,
    approvedByName: row.approved_by_name,
    notes: row.notes,
    eligibility: driverEligibility(
      { approved: row.approved, licenceExpiresOn: row.licence_expires_on, active: row.is_active },
      now,
      now,
      warningDays,
    ),
  };
}

/** Audit snapshots never hold a full licence number (personal data): last four digits only. */
const snapshot = (d: DriverEntity) => ({
  licenceNumber: maskLicenceNumber(d.licenceNumber),
  licenceExpiresOn: d.licenceExpiresOn,
  licenceConditions: d.licenceConditions,
  firstLicensedOn: d.firstLicensedOn,
  approved: d.approved,
  approvedBy: d.approvedBy,
  notes: d.notes,
});

const LICENCE_FIELDS = ['licenceNumber', 'licenceExpiresOn', 'licenceConditions', 'firstLicensedOn'] as const;

/** 運転者登録: licence facts and the official-driving permission a garage administrator grants. */
@Injectable()
export class DriversService {
  constructor(
    private readonly repo: DriversRepository,
    private readonly settings: CarSettingsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  private async context(): Promise<{ now: Date; warningDays: number }> {
    return { now: this.settings.clock.now(), warningDays: (await this.settings.rules()).expiryWarningDays };
  }

  /** GET /drivers/me: own registration (full licence number) and eligibility now, with the expiry warning. */
  async me(): Promise<DriverStatus> {
    const actor = currentActor();
    const { now, warningDays } = await this.context();
    const row = await this.repo.findView(actor.id);
    if (!row) return { registered: false, driver: null, eligibility: driverEligibility(null, now, now, warningDays) };
    const driver = toDriver(row, now, warningDays, false);
    return { registered: true, driver, eligibility: driver.eligibility };
  }

  /**
   * PUT /drivers/me: staff register or renew their own licence (免許更新). Any change to the licence
   * facts withdraws the permission until a garage administrator has checked the new licence.
   */
  async upsertMine(input: UpsertOwnDriver): Promise<DriverStatus> {
    const actor = currentActor();
    await this.write(async () => {
      const before = await this.repo.findById(actor.id, true);
      const values: Partial<DriverValues> = { ...input };
      if (!before) {
        await this.repo.insert(actor.id, { notes: '', ...input });
        await this.audit.record('driver.self_register', 'driver', actor.id, null, snapshot((await this.repo.findById(actor.id))!));
        return;
      }
      const changed = LICENCE_FIELDS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(values[k]));
      if (!changed) return;
      await this.repo.update(actor.id, { ...values, approved: false, approvedAt: null, approvedBy: null });
      await this.audit.record('driver.self_update', 'driver', actor.id, snapshot(before), snapshot((await this.repo.findById(actor.id))!));
    });
    return this.me();
  }

  async list(query: DriversQuery): Promise<{ items: Driver[]; total: number; limit: number; offset: number }> {
    const { now, warningDays } = await this.context();
    const { items, total } = await this.repo.list({
      ...query,
      today: tokyoDate(now),
      warnUntil: tokyoDatePlusDays(now, warningDays),
    });
    return { items: items.map((r) => toDriver(r, now, warningDays, true)), total, limit: query.limit, offset: query.offset };
  }

  /** Staff: the drivers of their own section; administrators may name any section. Names only. */
  async sectionDrivers(sectionId?: string): Promise<SectionDriver[]> {
    const actor = currentActor();
    if (sectionId && sectionId !== actor.sectionId && !actor.isAdmin) throw CarErrors.forbidden();
    const { now, warningDays } = await this.context();
    return (await this.repo.sectionDrivers(sectionId ?? actor.sectionId)).map((r) => {
      const e = toDriver(r, now, warningDays, true).eligibility;
      return { userId: r.user_id, displayName: r.display_name, nameKana: r.name_kana, eligible: e.eligible, warning: e.warning };
    });
  }

  async get(userId: string): Promise<Driver> {
    const { now, warningDays } = await this.context();
    const row = await this.repo.findView(userId);
    if (!row) throw CarErrors.driverNotFound();
    return toDriver(row, now, warningDays, false);
  }

  /** PUT /drivers/:userId (administrator): registers or updates; the permission is granted separately. */
  async upsert(userId: string, input: UpsertDriver): Promise<Driver> {
    await this.write(async () => {
      if (!(await this.repo.userExists(userId))) throw CarErrors.driverUserNotFound();
      const before = await this.repo.findById(userId, true);
      if (before) await this.repo.update(userId, input);
      else await this.repo.insert(userId, input);
      const after = (await this.repo.findById(userId))!;
      await this.audit.record(before ? 'driver.update' : 'driver.register', 'driver', userId, before ? snapshot(before) : null, snapshot(after));
    });
    return this.get(userId);
  }

  async approve(userId: string): Promise<Driver> {
    return this.setApproval(userId, true);
  }

  /** Revoking leaves existing bookings in place; they fail the eligibility check at key handover. */
  async revoke(userId: string): Promise<Driver> {
    return this.setApproval(userId, false);
  }

  private async setApproval(userId: string, approved: boolean): Promise<Driver> {
    const actor = currentActor();
    await this.write(async () => {
      const before = await this.repo.findById(userId, true);
      if (!before) throw CarErrors.driverNotFound();
      await this.repo.update(userId, approved ? { approved, approvedAt: this.settings.clock.now(), approvedBy: actor.id } : { approved, approvedAt: null, approvedBy: null });
      await this.audit.record(approved ? 'driver.approve' : 'driver.revoke', 'driver', userId, snapshot(before), snapshot((await this.repo.findById(userId))!));
    });
    return this.get(userId);
  }

  /** A driver who has bookings (even past ones) stays on the register: revoke instead. */
  async remove(userId: string): Promise<void> {
    await this.write(async () => {
      const before = await this.repo.findById(userId, true);
      if (!before) throw CarErrors.driverNotFound();
      await this.repo.delete(userId);
      await this.audit.record('driver.delete', 'driver', userId, snapshot(before), null);
    });
  }

  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(fn);
    } catch (error) {
      throw mapCarWriteError(error, (constraint) => (constraint === 'FK_drivers_user' ? CarErrors.driverUserNotFound() : CarErrors.inUse()));
    }
  }
}
