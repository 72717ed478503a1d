import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@rr/contracts';
import { Public } from '@rr/server/http';
import { QueueService } from '@rr/server/queue';
import type { Response } from 'express';
import { DataSource } from 'typeorm';

async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('system')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  /** 200 when PostgreSQL and Redis both answer within a second, else 503 naming the one down. */
  @Get()
  @Public()
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const [pg, redis] = await Promise.all([
      within(this.dataSource.query('SELECT 1'), 1000).then(() => true, () => false),
      this.queues.ping(1000),
    ]);
    const ok = pg && redis;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', checks: { postgres: pg ? 'up' : 'down', redis: redis ? 'up' : 'down' } };
  }
}
