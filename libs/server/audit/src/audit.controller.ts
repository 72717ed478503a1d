import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { auditQuerySchema } from '@rr/contracts';
import { Roles, ZodPipe } from '@rr/server/http';
import type { Response } from 'express';
import { z } from 'zod';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('sysadmin', 'general_affairs')
  list(@Query(new ZodPipe(auditQuerySchema)) query: z.output<typeof auditQuerySchema>) {
    return this.audit.list(query);
  }

  @Get('export.csv')
  @Roles('sysadmin', 'general_affairs')
  async export(@Query(new ZodPipe(auditQuerySchema)) query: z.output<typeof auditQuerySchema>, @Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    res.write('\uFEFF');
    for await (const chunk of this.audit.exportCsv(query)) res.write(chunk);
    res.end();
  }
}
