import type { QueuedChannel } from '@rr/contracts';

/**
 * The logical job id of one delivery: `notification:<id>:<channel>`, with `:<gen>` once the row has
 * been handed back to the outbox (a new generation needs a new job: BullMQ keeps finished jobs and
 * ignores an add under an id it still holds). QueueService.bullJobId maps ':' to '.'.
 */
export function deliveryJobId(notificationId: string, channel: QueuedChannel, gen: number): string {
  return gen === 0 ? `notification:${notificationId}:${channel}` : `notification:${notificationId}:${channel}:${gen}`;
}
