import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './job-map';

export const JOB_HANDLER = 'rr:jobHandler';

/** Marks a provider as the handler of one job name; the worker discovers it at start. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);

export interface JobHandlerInstance<N extends JobName = JobName> {
  handle(job: Job<JobPayloads[N]>): Promise<unknown>;
}
