import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  acCancelSchema,
  AcDaySheet,
  acDecisionInputSchema,
  AcEstimate,
  acEstimateInputSchema,
  AcInboxItem,
  acInstructionsQuerySchema,
  acMyRequestsQuerySchema,
  AcReport,
  acReportQuerySchema,
  AcRequestDetail,
  acRequestInputSchema,
  AcRequestSummary,
  acResubmitSchema,
  acWithdrawSchema,
} from '@rr/contracts';
import { ApiZodBody, ApiZodQuery, IdParamPipe, Roles, SignedIn, ZodPipe } from '@rr/server/http';
import type { Response } from 'express';
import { z } from 'zod';
import { AcErrors } from './ac.errors';
import { AcInstructionsService } from './ac-instructions.service';
import { AcReportsService } from './ac-reports.service';
import { AcRequestQueriesService } from './ac-request-queries.service';
import { AcRequestsService } from './ac-requests.service';

const idPipe = () => new IdParamPipe(AcErrors.requestNotFound);

function sendCsv(res: Response, filename: string, body: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

/** 空調延長申請: estimate, file, resubmit, withdraw, decide; my requests and my approval inbox. */
@ApiTags('ac')
@Controller('ac')
export class AcRequestsController {
  constructor(
    private readonly requests: AcRequestsService,
    private readonly queries: AcRequestQueriesService,
  ) {}

  /** The form's live estimate: cost per date and zone, total, deadline. Writes nothing. */
  @Post('estimate')
  @SignedIn()
  @HttpCode(200)
  @ApiZodBody(acEstimateInputSchema)
  estimate(@Body(new ZodPipe(acEstimateInputSchema)) body: z.output<typeof acEstimateInputSchema>): Promise<AcEstimate> {
    return this.queries.estimate(body);
  }

  @Post('requests')
  @SignedIn()
  @ApiZodBody(acRequestInputSchema)
  create(@Body(new ZodPipe(acRequestInputSchema)) body: z.output<typeof acRequestInputSchema>): Promise<AcRequestDetail> {
    return this.requests.create(body);
  }

  @Get('requests/mine')
  @SignedIn()
  @ApiZodQuery(acMyRequestsQuerySchema)
  mine(@Query(new ZodPipe(acMyRequestsQuerySchema)) q: z.output<typeof acMyRequestsQuerySchema>): Promise<AcRequestSummary[]> {
    return this.queries.mine(q.status, q.limit);
  }

  @Get('inbox')
  @SignedIn()
  inbox(): Promise<AcInboxItem[]> {
    return this.queries.inbox();
  }

  @Get('requests/:id')
  @SignedIn()
  get(@Param('id', idPipe()) id: string): Promise<AcRequestDetail> {
    return this.queries.get(id);
  }

  /** Resubmission after a send-back (the whole form again, with the version the applicant saw). */
  @Put('requests/:id')
  @SignedIn()
  @ApiZodBody(acResubmitSchema)
  resubmit(@Param('id', idPipe()) id: string, @Body(new ZodPipe(acResubmitSchema)) body: z.output<typeof acResubmitSchema>): Promise<AcRequestDetail> {
    return this.requests.resubmit(id, body);
  }

  @Post('requests/:id/withdraw')
  @SignedIn()
  @HttpCode(200)
  @ApiZodBody(acWithdrawSchema)
  withdraw(@Param('id', idPipe()) id: string, @Body(new ZodPipe(acWithdrawSchema)) body: z.output<typeof acWithdrawSchema>): Promise<AcRequestDetail> {
    return this.requests.withdraw(id, body);
  }

  /** Cancel an approved request before the extension starts (applicant or 総務課), with a reason. */
  @Post('requests/:id/cancel')
  @SignedIn()
  @HttpCode(200)
  @ApiZodBody(acCancelSchema)
  cancel(@Param('id', idPipe()) id: string, @Body(new ZodPipe(acCancelSchema)) body: z.output<typeof acCancelSchema>): Promise<AcRequestDetail> {
    return this.requests.cancel(id, body);
  }

  /** endorse / approve / reject / send_back; authority (incl. 代決) is decided by the server. */
  @Post('requests/:id/decisions')
  @SignedIn()
  @HttpCode(200)
  @ApiZodBody(acDecisionInputSchema)
  decide(@Param('id', idPipe()) id: string, @Body(new ZodPipe(acDecisionInputSchema)) body: z.output<typeof acDecisionInputSchema>): Promise<AcRequestDetail> {
    return this.requests.decide(id, body);
  }
}

/** 運転指示 for the building operator and reports for 総務課. */
@ApiTags('ac')
@Controller('ac')
export class AcOperationsController {
  constructor(
    private readonly instructions: AcInstructionsService,
    private readonly reports: AcReportsService,
  ) {}

  @Get('instructions')
  @Roles('building_operator', 'general_affairs', 'sysadmin')
  @ApiZodQuery(acInstructionsQuerySchema)
  daySheet(@Query(new ZodPipe(acInstructionsQuerySchema)) q: z.output<typeof acInstructionsQuerySchema>): Promise<AcDaySheet> {
    return this.instructions.daySheet(q.date);
  }

  @Get('instructions.csv')
  @Roles('building_operator', 'general_affairs', 'sysadmin')
  @ApiZodQuery(acInstructionsQuerySchema)
  async daySheetCsv(@Query(new ZodPipe(acInstructionsQuerySchema)) q: z.output<typeof acInstructionsQuerySchema>, @Res() res: Response): Promise<void> {
    sendCsv(res, `ac-instructions-${q.date}.csv`, await this.instructions.csv(q.date));
  }

  @Get('reports')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodQuery(acReportQuerySchema)
  report(@Query(new ZodPipe(acReportQuerySchema)) q: z.output<typeof acReportQuerySchema>): Promise<AcReport> {
    return this.reports.report(q.fiscalYear);
  }

  @Get('reports.csv')
  @Roles('general_affairs', 'sysadmin')
  @ApiZodQuery(acReportQuerySchema)
  async reportCsv(@Query(new ZodPipe(acReportQuerySchema)) q: z.output<typeof acReportQuerySchema>, @Res() res: Response): Promise<void> {
    const body = await this.reports.csv(q.fiscalYear);
    sendCsv(res, `ac-report-${q.fiscalYear ?? 'current'}.csv`, body);
  }
}
