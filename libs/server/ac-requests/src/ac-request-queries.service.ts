import { Inject, Injectable } from '@nestjs/common';
import type { AcEstimate, AcEstimateInput, AcInboxItem, AcRequestDetail, AcRequestStatus, AcRequestSummary } from '@rr/contracts';
import { acDayType, AcActionType, AppError, checkAcCancellable, Clock, transitionAcRequest } from '@rr/domain';
import { AcApproversService } from './ac-approvers.service';
import { AcCatalogueService } from './ac-catalogue.service';
import { AC_CLOCK } from './ac-clock';
import { AcErrors } from './ac.errors';
import { previewRequest } from './ac-pricing';
import { AcRequestRow, AcRequestsRepository } from './ac-requests.repository';
import { AllowedAction, toLine, toStep, toSummary } from './ac-requests.mappers';
import { AcCaller, currentCaller } from './actor';

const DECISIONS: AcActionType[] = ['endorse', 'approve', 'reject', 'send_back'];

/** Reading requests: one request with its lines and steps, my requests, my inbox, the live estimate. */
@Injectable()
export class AcRequestQueriesService {
  constructor(
    private readonly repo: AcRequestsRepository,
    private readonly catalogue: AcCatalogueService,
    private readonly approvers: AcApproversService,
    @Inject(AC_CLOCK) private readonly clock: Clock,
  ) {}

  async estimate(body: AcEstimateInput): Promise<AcEstimate> {
    const caller = currentCaller();
    const rules = await this.catalogue.rules();
    const preview = previewRequest(caller.sectionId, body, rules, this.clock.now());
    return {
      lines: preview.estimate.lines.map((l) => ({ ...l, segments: [...l.segments], zoneName: rules.rows.get(l.zoneId)?.name ?? '' })),
      totalMinutes: preview.estimate.totalMinutes,
      totalYen: preview.estimate.totalYen,
      deadline: preview.deadline.toISOString(),
      pastDeadline: preview.pastDeadline,
      urgentReasons: [...rules.deadline.urgentReasons],
      acceptable: preview.acceptable,
    };
  }

  async get(id: string): Promise<AcRequestDetail> {
    const caller = currentCaller();
    const row = await this.repo.find(id);
    if (!row) throw AcErrors.requestNotFound();
    const { allowed, actingFor } = await this.allowedFor(caller, row);
    if (!(await this.mayRead(caller, row, allowed.length > 0))) throw AcErrors.requestNotFound();
    const calendar = (await this.catalogue.rules({ includeInactive: true })).calendar;
    const [lines, steps] = await Promise.all([this.repo.lines(id), this.repo.steps(id)]);
    return {
      ...toSummary(row),
      lines: lines.map((l) => toLine(l, acDayType(l.date, calendar))),
      steps: steps.map(toStep),
      allowedActions: allowed,
      actingFor,
    };
  }

  async mine(status: AcRequestStatus | undefined, limit: number): Promise<AcRequestSummary[]> {
    return (await this.repo.listByApplicant(currentCaller().id, status, limit)).map(toSummary);
  }

  async inbox(): Promise<AcInboxItem[]> {
    const items = await this.approvers.inbox(currentCaller(), this.clock.now());
    return items.map((i) => ({ ...toSummary(i.row), step: i.step, actingFor: i.actingFor }));
  }

  /** Applicant, their section, General Affairs and sysadmin, anyone who signed it or may act on it now. */
  private async mayRead(caller: AcCaller, row: AcRequestRow, mayAct: boolean): Promise<boolean> {
    if (mayAct || caller.id === row.applicant_id || caller.sectionId === row.section_id) return true;
    if (caller.roles.includes('general_affairs') || caller.roles.includes('sysadmin')) return true;
    return this.repo.isSigner(row.id, caller.id);
  }

  /** What the caller may do, tried against the state machine (the server decides again on the call). */
  private async allowedFor(caller: AcCaller, row: AcRequestRow): Promise<{ allowed: AllowedAction[]; actingFor: AcRequestDetail['actingFor'] }> {
    const allowed: AllowedAction[] = [];
    const state = { status: row.status, applicantId: row.applicant_id, sectionId: row.section_id, revision: Number(row.revision), endorsement: null, decision: null, needsPostReview: row.needs_post_review };
    const self = { userId: caller.id, sectionId: caller.sectionId, roles: [] };
    const can = (fn: () => unknown) => {
      try {
        fn();
        return true;
      } catch (error) {
        if (error instanceof AppError) return false;
        throw error;
      }
    };
    if (can(() => transitionAcRequest(state, { type: 'withdraw' }, self))) allowed.push('withdraw');
    if (can(() => transitionAcRequest(state, { type: 'submit' }, self))) allowed.push('resubmit');
    const canceller = { ...self, roles: caller.roles.includes('general_affairs') ? (['general_affairs'] as const) : [] };
    const mayCancel = () => {
      transitionAcRequest(state, { type: 'cancel', comment: 'check' }, canceller);
      checkAcCancellable(row.first_date, Number(row.start_minute), this.clock.now());
    };
    if (can(mayCancel)) allowed.push('cancel');
    const { actor, actingFor } = await this.approvers.actorFor(caller, row, this.clock.now());
    let decides = false;
    for (const type of DECISIONS) {
      if (can(() => transitionAcRequest(state, { type, comment: 'check' }, actor))) {
        allowed.push(type as AllowedAction);
        decides = true;
      }
    }
    return { allowed, actingFor: decides ? actingFor : null };
  }
}
