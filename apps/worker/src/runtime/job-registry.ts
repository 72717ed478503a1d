import { JOB_NAMES, JobName } from '@rr/server/queue';

export class JobRegistryError extends Error {}

/**
 * The worker refuses to start unless every job in the job map has exactly one handler and every
 * handler serves a known job (CONVENTIONS.md §7). Pure so that it is unit-tested directly.
 */
export function checkHandlers(found: Array<{ job: string; provider: string }>, expected: readonly JobName[] = JOB_NAMES): Map<JobName, string> {
  const problems: string[] = [];
  const byJob = new Map<string, string[]>();
  for (const { job, provider } of found) byJob.set(job, [...(byJob.get(job) ?? []), provider]);
  for (const job of expected) {
    const providers = byJob.get(job) ?? [];
    if (providers.length === 0) problems.push(`job "${job}" has no handler`);
    if (providers.length > 1) problems.push(`job "${job}" has ${providers.length} handlers: ${providers.join(', ')}`);
  }
  for (const job of byJob.keys()) {
    if (!(expected as readonly string[]).includes(job)) problems.push(`handler for unknown job "${job}"`);
  }
  if (problems.length) throw new JobRegistryError(`Worker refuses to start:\n  - ${problems.join('\n  - ')}`);
  return new Map(expected.map((job) => [job, byJob.get(job)![0]]));
}
