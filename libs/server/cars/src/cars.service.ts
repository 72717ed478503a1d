import { Injectable } from '@nestjs/common';
import type { Car, CarsQuery, CreateCar, UpdateCar } from '@rr/contracts';
import { AuditService } from '@rr/server/audit';
import { CarEntity, TransactionHost } from '@rr/server/persistence';
import { CarErrors, mapCarWriteError } from './cars.errors';
import { CarRow, CarsRepository } from './cars.repository';

export function toCar(row: CarRow): Car {
  return {
    id: row.id,
    plateNumber: row.plate_number,
    model: row.model,
    classCode: row.class_code,
    className: row.class_name,
    classNameEn: row.class_name_en,
    seats: row.seats,
    fuel: row.fuel,
    garageId: row.garage_id,
    garageName: row.garage_name,
    bay: row.bay,
    poolId: row.pool_id,
    poolCode: row.pool_code,
    poolName: row.pool_name,
    status: row.status,
    notes: row.notes,
  };
}

const snapshot = (c: CarEntity) => ({
  plateNumber: c.plateNumber,
  model: c.model,
  classCode: c.classCode,
  seats: c.seats,
  fuel: c.fuel,
  garageId: c.garageId,
  bay: c.bay,
  poolId: c.poolId,
  status: c.status,
  notes: c.notes,
});

/** Which referenced row a foreign-key violation on `cars` is about. */
function missingReference(constraint: string) {
  switch (constraint) {
    case 'FK_cars_class':
      return CarErrors.classNotFound();
    case 'FK_cars_garage':
      return CarErrors.garageNotFound();
    case 'FK_cars_pool':
      return CarErrors.poolNotFound();
    default:
      return CarErrors.inUse();
  }
}

/** The fleet register (車両台帳). Retire a car (status) rather than delete it once it has bookings. */
@Injectable()
export class CarsService {
  constructor(
    private readonly repo: CarsRepository,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async list(query: CarsQuery): Promise<Car[]> {
    return (await this.repo.list(query)).map(toCar);
  }

  async get(id: string): Promise<Car> {
    const row = await this.repo.findView(id);
    if (!row) throw CarErrors.carNotFound();
    return toCar(row);
  }

  async create(input: CreateCar): Promise<Car> {
    return this.write(async () => {
      const id = await this.repo.insert(input);
      const created = (await this.repo.findById(id))!;
      await this.audit.record('car.create', 'car', id, null, snapshot(created));
      return toCar((await this.repo.findView(id))!);
    });
  }

  /** Retiring takes the car row FOR UPDATE, so no booking of the car can be in flight meanwhile. */
  async update(id: string, patch: Partial<UpdateCar>): Promise<Car> {
    return this.write(async () => {
      const before = await this.repo.findById(id, true);
      if (!before) throw CarErrors.carNotFound();
      if (Object.keys(patch).length > 0) {
        await this.repo.update(id, patch);
        await this.audit.record('car.update', 'car', id, snapshot(before), snapshot((await this.repo.findById(id))!));
      }
      return toCar((await this.repo.findView(id))!);
    });
  }

  async remove(id: string): Promise<void> {
    await this.write(async () => {
      const before = await this.repo.findById(id, true);
      if (!before) throw CarErrors.carNotFound();
      await this.repo.delete(id);
      await this.audit.record('car.delete', 'car', id, snapshot(before), null);
    });
  }

  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await this.tx.run(fn);
    } catch (error) {
      throw mapCarWriteError(error, missingReference);
    }
  }
}
