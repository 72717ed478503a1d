import { Injectable } from '@nestjs/common';
import { JobHandler, JobHandlerInstance, NotificationDeliveryJob } from '@rr/server/queue';
import type { Job } from 'bullmq';
import { DeliveryProcessor } from './delivery.processor';

@Injectable()
@JobHandler('notification.email')
export class EmailDeliveryHandler implements JobHandlerInstance<'notification.email'> {
  constructor(private readonly processor: DeliveryProcessor) {}

  handle(job: Job<NotificationDeliveryJob>): Promise<string> {
    return this.processor.process('email', job.data);
  }
}

@Injectable()
@JobHandler('notification.webhook')
export class WebhookDeliveryHandler implements JobHandlerInstance<'notification.webhook'> {
  constructor(private readonly processor: DeliveryProcessor) {}

  handle(job: Job<NotificationDeliveryJob>): Promise<string> {
    return this.processor.process('webhook', job.data);
  }
}
