import { All, Controller, Get, Next, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Roles } from '@rr/server/http';
import { QUEUE_NAMES, QueueService } from '@rr/server/queue';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

/**
 * bull-board, mounted through a Nest controller so that the global AuthGuard (session + role)
 * runs first: an Express mount would bypass Nest's guards. Read-only: jobs are never retried or
 * removed from here, because the outbox rows in PostgreSQL — not the jobs — are the truth; dead
 * letters are retried through POST /api/admin/notifications/deliveries/:id/retry.
 */
@ApiExcludeController()
@Controller('admin/queues')
@Roles('sysadmin')
export class QueueBoardController {
  private board?: RequestHandler;

  constructor(private readonly queues: QueueService) {}

  @Get()
  root(@Req() req: Request, @Res() res: Response, @Next() next: NextFunction): void {
    this.forward(req, res, next);
  }

  @All('*path')
  any(@Req() req: Request, @Res() res: Response, @Next() next: NextFunction): void {
    this.forward(req, res, next);
  }

  private forward(req: Request, res: Response, next: NextFunction): void {
    // The board's own router sees paths relative to its mount point.
    req.url = req.originalUrl.slice(QUEUE_BOARD_PATH.length) || '/';
    if (!req.url.startsWith('/')) req.url = `/${req.url}`;
    this.boardHandler()(req, res, next);
  }

  /** Built on first use, so that the API starts (and answers health checks) without Redis. */
  private boardHandler(): RequestHandler {
    if (!this.board) {
      const adapter = new ExpressAdapter();
      adapter.setBasePath(QUEUE_BOARD_PATH);
      createBullBoard({
        queues: QUEUE_NAMES.map((name) => new BullMQAdapter(this.queues.queue(name), { readOnlyMode: true })),
        // @bull-board/express 9.10.1 carries its own copy of @bull-board/api 9.10.1 next to our 9.10.2:
        // the same shapes, declared twice, so the types need telling.
        serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
        options: { uiConfig: { boardTitle: '庁内リソース予約' } },
      });
      this.board = adapter.getRouter() as RequestHandler;
    }
    return this.board;
  }
}
