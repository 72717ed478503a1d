import { Injectable } from '@nestjs/common';
import type { CreateDetector, CreateInspection, Detector, DetectorInspection, UpdateDetector } from '@rr/contracts';
import { AppError, garageError, inspectionPassed } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { currentActor } from './actor';
import { GarageSettingsService } from './garage-settings.service';
import { GarageRepository } from './garage.repository';
import { toDetector, toInspection } from './garage.mappers';
import { runGarageTransaction } from './garage-transaction';

/** 検知器台帳: detectors and their daily / weekly inspections (点検記録, append-only). */
@Injectable()
export class DetectorsService {
  constructor(
    private readonly repo: GarageRepository,
    private readonly settings: GarageSettingsService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Detector[]> {
    const { weekly_inspection_days } = await this.settings.row();
    const now = this.settings.clock.now();
    return (await this.repo.detectors()).map((d) => toDetector(d, now, weekly_inspection_days));
  }

  async get(id: string): Promise<Detector> {
    const d = await this.repo.detector(id);
    if (!d) throw garageError('GARAGE_DETECTOR_NOT_FOUND');
    return toDetector(d, this.settings.clock.now(), (await this.settings.row()).weekly_inspection_days);
  }

  async create(input: CreateDetector): Promise<Detector> {
    const id = await runGarageTransaction(this.tx, async () => {
      const id = await this.repo.insertDetector(input);
      await this.audit.record('detector.create', 'alcohol_detector', id, null, input);
      return id;
    });
    return this.get(id);
  }

  async update(id: string, patch: UpdateDetector): Promise<Detector> {
    await runGarageTransaction(this.tx, async () => {
      const before = await this.repo.detector(id, true);
      if (!before) throw garageError('GARAGE_DETECTOR_NOT_FOUND');
      await this.repo.updateDetector(id, patch);
      await this.audit.record('detector.update', 'alcohol_detector', id, before, patch);
    });
    return this.get(id);
  }

  /** Only a detector never used in a record or inspected may be deleted; others are retired. */
  async remove(id: string): Promise<void> {
    await runGarageTransaction(this.tx, async () => {
      const before = await this.repo.detector(id, true);
      if (!before) throw garageError('GARAGE_DETECTOR_NOT_FOUND');
      await this.repo.deleteDetector(id);
      await this.audit.record('detector.delete', 'alcohol_detector', id, before, null);
    });
  }

  async inspect(detectorId: string, input: CreateInspection): Promise<DetectorInspection> {
    const actor = currentActor();
    const passed = inspectionPassed(input);
    if (passed === null) throw new AppError('VALIDATION_FAILED', 'validation', {}, { field: 'detectsAlcohol/noFalsePositive' });
    const id = await runGarageTransaction(this.tx, async () => {
      if (!(await this.repo.detector(detectorId, true))) throw garageError('GARAGE_DETECTOR_NOT_FOUND');
      const id = await this.repo.insertInspection({
        detector_id: detectorId,
        kind: input.kind,
        inspected_at: this.settings.clock.now(),
        inspector_id: actor.id,
        inspector_name: actor.displayName,
        power_ok: input.powerOk,
        no_damage: input.noDamage,
        detects_alcohol: input.detectsAlcohol ?? null,
        no_false_positive: input.noFalsePositive ?? null,
        passed,
        notes: input.notes,
      });
      await this.audit.record('detector.inspect', 'alcohol_detector', detectorId, null, { inspectionId: id, kind: input.kind, passed });
      return id;
    });
    return toInspection((await this.repo.inspection(id))!);
  }

  async inspections(detectorId: string): Promise<DetectorInspection[]> {
    if (!(await this.repo.detector(detectorId))) throw garageError('GARAGE_DETECTOR_NOT_FOUND');
    return (await this.repo.inspections(detectorId)).map(toInspection);
  }
}
