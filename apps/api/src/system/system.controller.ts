import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { requestContext, Roles } from '@rr/server/http';
import { QueueService } from '@rr/server/queue';
import { randomUUID } from 'node:crypto';

@ApiTags('system')
@Controller('system')
export class SystemController {
  constructor(private readonly queues: QueueService) {}

  /** Enqueues a heartbeat; the worker records it in PostgreSQL. Returns the job id to look for. */
  @Post('heartbeat')
  @Roles('sysadmin')
  @HttpCode(202)
  async heartbeat(): Promise<{ jobId: string }> {
    const jobId = await this.queues.enqueue('system.heartbeat', { requestedBy: requestContext.get()?.actor?.id ?? 'api' }, { jobId: `heartbeat:${randomUUID()}` });
    return { jobId };
  }
}
