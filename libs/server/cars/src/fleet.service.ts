import { Injectable } from '@nestjs/common';
import type { CarClass, CarPool, CreateCarPool, CreateGarage, Garage } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { CarPoolEntity, GarageEntity, TransactionHost } from '@rr/server/persistence';
import { CarErrors, mapCarWriteError } from './cars.errors';
import { CarPoolValues, FleetRepository, GarageValues, WithCarCount } from './fleet.repository';

function toGarage(row: WithCarCount<GarageEntity>): Garage {
  return { id: row.id, code: row.code, name: row.name, address: row.address, notes: row.notes, carCount: row.carCount };
}

function toPool(row: WithCarCount<CarPoolEntity>): CarPool {
  return { id: row.id, code: row.code, name: row.name, description: row.description, carCount: row.carCount };
}

const garageSnapshot = (g: GarageEntity) => ({ code: g.code, name: g.name, address: g.address, notes: g.notes });
const poolSnapshot = (p: CarPoolEntity) => ({ code: p.code, name: p.name, description: p.description });

/** Garages (駐車場), car pools and the read-only car classes (車種). */
@Injectable()
export class FleetService {
  constructor(
    private readonly repo: FleetRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async listClasses(): Promise<CarClass[]> {
    return (await this.repo.listClasses()).map((c) => ({ code: c.code, nameJa: c.nameJa, nameEn: c.nameEn, sortOrder: c.sortOrder }));
  }

  async listGarages(): Promise<Garage[]> {
    return (await this.repo.listGarages()).map(toGarage);
  }

  async getGarage(id: string): Promise<Garage> {
    const row = await this.repo.garageWithCount(id);
    if (!row) throw CarErrors.garageNotFound();
    return toGarage(row);
  }

  async createGarage(input: CreateGarage): Promise<Garage> {
    return this.write(async () => {
      const id = await this.repo.insertGarage(input);
      const created = (await this.repo.garageWithCount(id))!;
      await this.audit.record('garage.create', 'garage', id, null, garageSnapshot(created));
      return toGarage(created);
    });
  }

  async updateGarage(id: string, patch: Partial<GarageValues>): Promise<Garage> {
    return this.write(async () => {
      const before = await this.repo.findGarage(id, true);
      if (!before) throw CarErrors.garageNotFound();
      if (Object.keys(patch).length > 0) await this.repo.updateGarage(id, patch);
      const after = (await this.repo.garageWithCount(id))!;
      if (Object.keys(patch).length > 0) await this.audit.record('garage.update', 'garage', id, garageSnapshot(before), garageSnapshot(after));
      return toGarage(after);
    });
  }

  async deleteGarage(id: string): Promise<void> {
    await this.write(async () => {
      const before = await this.repo.findGarage(id, true);
      if (!before) throw CarErrors.garageNotFound();
      await this.repo.deleteGarage(id);
      await this.audit.record('garage.delete', 'garage', id, garageSnapshot(before), null);
    });
  }

  async listPools(): Promise<CarPool[]> {
    return (await this.repo.listPools()).map(toPool);
  }

  async getPool(id: string): Promise<CarPool> {
    const row = await this.repo.poolWithCount(id);
    if (!row) throw CarErrors.poolNotFound();
    return toPool(row);
  }

  async createPool(input: CreateCarPool): Promise<CarPool> {
    return this.write(async () => {
      const id = await this.repo.insertPool(input);
      const created = (await this.repo.poolWithCount(id))!;
      await this.audit.record('car_pool.create', 'car_pool', id, null, poolSnapshot(created));
      return toPool(created);
    });
  }

  async updatePool(id: string, patch: Partial<CarPoolValues>): Promise<CarPool> {
    return this.write(async () => {
      const before = await this.repo.findPool(id, true);
      if (!before) throw CarErrors.poolNotFound();
      if (Object.keys(patch).length > 0) await this.repo.updatePool(id, patch);
      const after = (await this.repo.poolWithCount(id))!;
      if (Object.keys(patch).length > 0) await this.audit.record('car_pool.update', 'car_pool', id, poolSnapshot(before), poolSnapshot(after));
      return toPool(after);
    });
  }

  async deletePool(id: string): Promise<void> {
    await this.write(async () => {
      const before = await this.repo.findPool(id, true);
      if (!before) throw CarErrors.poolNotFound();
      await this.repo.deletePool(id);
      await this.audit.record('car_pool.delete', 'car_pool', id, poolSnapshot(before), null);
    });
  }

  /** One transaction; a garage or pool that cars still use cannot be deleted (FK RESTRICT → 409). */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(fn);
    } catch (error) {
      throw mapCarWriteError(error, () => CarErrors.inUse());
    }
  }
}
