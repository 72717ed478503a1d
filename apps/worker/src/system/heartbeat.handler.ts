import { Injectable } from '@nestjs/common';
import { JobHandler, JobHandlerInstance } from '@rr/server/queue';
import { TransactionHost, WorkerHeartbeatEntity } from '@rr/server/persistence';
import type { Job } from 'bullmq';
import { WORKER_ID } from '../runtime/worker-id';

@Injectable()
@JobHandler('system.heartbeat')
export class HeartbeatHandler implements JobHandlerInstance<'system.heartbeat'> {
  constructor(private readonly tx: TransactionHost) {}

  /** Idempotent: the job id is unique in the table, so a redelivery writes nothing new. */
  async handle(job: Job<{ requestedBy: string }>): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(WorkerHeartbeatEntity)
      .values({ jobId: String(job.id), requestedBy: job.data.requestedBy, workerId: WORKER_ID })
      .orIgnore()
      .execute();
  }
}
