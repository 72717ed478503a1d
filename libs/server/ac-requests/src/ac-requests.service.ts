import { Inject, Injectable } from '@nestjs/common';
import type { AcCancel, AcDecisionAction, AcDecisionInput, AcRequestDetail, AcRequestInputDto, AcRequestStatus, AcResubmit, AcWithdraw } from '@rr/contracts';
import { AcActor, AcApproverRole, AcRequestState, checkAcCancellable, Clock, transitionAcRequest } from '@rr/domain';
import { AuditService } from '@rr/server/audit';
import { TransactionHost } from '@rr/server/persistence';
import { AcApproversService } from './ac-approvers.service';
import { AcCatalogueService } from './ac-catalogue.service';
import { AC_CLOCK } from './ac-clock';
import { AcErrors } from './ac.errors';
import { AcInstructionsService } from './ac-instructions.service';
import { AcNotifier } from './ac-notifier';
import { PricedRequest, priceRequest } from './ac-pricing';
import { AcRequestQueriesService } from './ac-request-queries.service';
import { AcRequestsRepository, LineValues } from './ac-requests.repository';
import { segmentsText } from './ac-requests.mappers';
import { minutesOf } from './ac-time';
import { runAcTransaction } from './ac-transaction';
import { currentCaller } from './actor';

type Locked = NonNullable<Awaited<ReturnType<AcRequestsRepository['lock']>>>;

function stateOf(locked: Locked): AcRequestState {
  return {
    status: locked.status,
    applicantId: locked.applicant_id,
    sectionId: locked.section_id,
    revision: Number(locked.revision),
    endorsement: null,
    decision: null,
    needsPostReview: locked.needs_post_review,
  };
}

function contentValues(priced: PricedRequest, body: AcRequestInputDto) {
  return {
    startMinute: minutesOf(body.start),
    endMinute: minutesOf(body.end),
    headcount: priced.input.headcount,
    reasonCategory: priced.input.reason.category,
    reasonText: priced.input.reason.text.trim(),
    contact: body.contact,
    late: priced.deadline.late,
    deadlineAt: priced.deadline.deadline,
    firstDate: [...priced.input.dates].sort()[0],
    totalMinutes: priced.estimate.totalMinutes,
    totalYen: priced.estimate.totalYen,
  };
}

function lineValues(priced: PricedRequest): LineValues[] {
  return priced.estimate.lines.map((l) => ({ date: l.date, zoneId: l.zoneId, segments: segmentsText(l.segments), minutes: l.minutes, yenPerHour: l.yenPerHour, yen: l.yen }));
}

/**
 * The request's life: submit (one or several dates in one go), resubmit after a send-back,
 * withdraw, and the approvers' decisions. Each change is one transaction: the row (locked FOR
 * UPDATE and compare-and-set on `version`, so of concurrent decisions exactly one wins), the step,
 * the audit entry and the notifications (ADR 0016).
 */
@Injectable()
export class AcRequestsService {
  constructor(
    private readonly repo: AcRequestsRepository,
    private readonly catalogue: AcCatalogueService,
    private readonly approvers: AcApproversService,
    private readonly notifier: AcNotifier,
    private readonly instructions: AcInstructionsService,
    private readonly queries: AcRequestQueriesService,
    private readonly tx: TransactionHost,
    private readonly audit: AuditService,
    @Inject(AC_CLOCK) private readonly clock: Clock,
  ) {}

  async create(body: AcRequestInputDto): Promise<AcRequestDetail> {
    const caller = currentCaller();
    const now = this.clock.now();
    const priced = priceRequest(caller.sectionId, body, await this.catalogue.rules(), now);
    const id = await runAcTransaction(this.tx, async () => {
      const id = await this.repo.insert({ sectionId: caller.sectionId, applicantId: caller.id, ...contentValues(priced, body) });
      await this.repo.replaceContents(id, priced.input.dates, priced.input.zoneIds, lineValues(priced));
      await this.repo.insertStep({ requestId: id, revision: 1, action: 'submit', actorId: caller.id, acting: false, onBehalfOf: null, comment: null });
      const row = (await this.repo.find(id))!;
      await this.audit.record('ac_request.submit', 'ac_request', id, null, { ...body, late: priced.deadline.late, totalYen: priced.estimate.totalYen });
      await this.notifier.approvalRequested(row, now);
      return id;
    });
    return this.queries.get(id);
  }

  /** The applicant corrects a sent-back request and files it again (revision + 1, signatures cleared). */
  async resubmit(id: string, body: AcResubmit): Promise<AcRequestDetail> {
    const caller = currentCaller();
    const now = this.clock.now();
    await runAcTransaction(this.tx, async () => {
      const locked = await this.repo.lock(id);
      if (!locked) throw AcErrors.requestNotFound();
      const next = transitionAcRequest(stateOf(locked), { type: 'submit' }, { userId: caller.id, sectionId: caller.sectionId, roles: [] });
      if (Number(locked.version) !== body.version) throw AcErrors.stale();
      const priced = priceRequest(locked.section_id, body, await this.catalogue.rules(), now);
      const ok = await this.repo.update(id, body.version, {
        ...contentValues(priced, body),
        status: next.status as AcRequestStatus,
        revision: next.revision,
        needsPostReview: false,
        waitingSince: now,
        submittedAt: now,
        decidedAt: null,
      });
      if (!ok) throw AcErrors.stale();
      await this.repo.replaceContents(id, priced.input.dates, priced.input.zoneIds, lineValues(priced));
      await this.repo.insertStep({ requestId: id, revision: next.revision, action: 'submit', actorId: caller.id, acting: false, onBehalfOf: null, comment: null });
      await this.audit.record('ac_request.resubmit', 'ac_request', id, { status: locked.status, revision: locked.revision }, { ...body, revision: next.revision });
      await this.notifier.approvalRequested((await this.repo.find(id))!, now);
    });
    return this.queries.get(id);
  }

  async withdraw(id: string, body: AcWithdraw): Promise<AcRequestDetail> {
    const caller = currentCaller();
    const now = this.clock.now();
    await runAcTransaction(this.tx, async () => {
      const locked = await this.repo.lock(id);
      if (!locked) throw AcErrors.requestNotFound();
      const next = transitionAcRequest(stateOf(locked), { type: 'withdraw' }, { userId: caller.id, sectionId: caller.sectionId, roles: [] });
      if (Number(locked.version) !== body.version || !(await this.repo.update(id, body.version, { status: next.status as AcRequestStatus, decidedAt: now }))) throw AcErrors.stale();
      const comment = body.comment?.trim() || null;
      await this.repo.insertStep({ requestId: id, revision: Number(locked.revision), action: 'withdraw', actorId: caller.id, acting: false, onBehalfOf: null, comment });
      await this.audit.record('ac_request.withdraw', 'ac_request', id, { status: locked.status }, { status: next.status as AcRequestStatus, comment });
    });
    return this.queries.get(id);
  }

  /**
   * Plans changed: the applicant, or 総務課 in its own right, cancels an approved request before the
   * extension starts (its requested start on the earliest date, Tokyo). Order of refusals: status
   * (409 AC_INVALID_TRANSITION), authority (403 AC_NOT_ALLOWED), reason (400
   * AC_CANCEL_REASON_REQUIRED), already started (409 AC_CANCEL_TOO_LATE), stale version (409
   * AC_STALE). In the same transaction: the step with the reason, the audit entry, the 版数 of every
   * date not yet past (the day sheet drops the request) with the operator's notice.
   */
  async cancel(id: string, body: AcCancel): Promise<AcRequestDetail> {
    const caller = currentCaller();
    const now = this.clock.now();
    await runAcTransaction(this.tx, async () => {
      const locked = await this.repo.lock(id);
      if (!locked) throw AcErrors.requestNotFound();
      const roles = caller.roles.filter((r): r is AcApproverRole => r === 'general_affairs');
      const next = transitionAcRequest(stateOf(locked), { type: 'cancel', comment: body.reason }, { userId: caller.id, sectionId: caller.sectionId, roles });
      const before = (await this.repo.find(id))!;
      checkAcCancellable(before.first_date, Number(before.start_minute), now);
      if (Number(locked.version) !== body.version || !(await this.repo.update(id, body.version, { status: next.status as AcRequestStatus }))) throw AcErrors.stale();
      const reason = next.cancellation!.comment;
      await this.repo.insertStep({ requestId: id, revision: Number(locked.revision), action: 'cancel', actorId: caller.id, acting: false, onBehalfOf: null, comment: reason });
      await this.audit.record('ac_request.cancel', 'ac_request', id, { status: locked.status, version: locked.version }, { status: next.status as AcRequestStatus, reason });
      const row = (await this.repo.find(id))!;
      // 総務課 cancelling someone else's extension: the applicant learns it (their own cancel needs no notice).
      if (row.applicant_id !== caller.id) await this.notifier.decided(row, 'cancel', caller.displayName, null, reason);
      await this.instructions.changed(row.dates, now, (date, revision, count) => this.notifier.instructionsChanged(date, revision, count));
    });
    return this.queries.get(id);
  }

  /**
   * endorse (課長), approve / reject / send back (総務課 or the 課長 before endorsement). The state
   * machine checks status first (409 AC_INVALID_TRANSITION: e.g. deciding twice), then authority
   * (403 AC_NOT_ALLOWED), then the comment; the version the decider saw must still be current
   * (409 AC_STALE). A deputy's decision is a 代決: recorded with both names, and the absent approver
   * is told (後閲).
   */
  async decide(id: string, body: AcDecisionInput): Promise<AcRequestDetail> {
    const caller = currentCaller();
    const now = this.clock.now();
    await runAcTransaction(this.tx, async () => {
      const locked = await this.repo.lock(id);
      if (!locked) throw AcErrors.requestNotFound();
      const { actor, actingFor } = await this.approvers.actorFor(caller, locked, now);
      const next = transitionAcRequest(stateOf(locked), { type: body.action, comment: body.comment }, actor as AcActor);
      if (Number(locked.version) !== body.version) throw AcErrors.stale();
      const signoff = body.action === 'endorse' ? next.endorsement! : next.decision!;
      const final = next.status === 'approved' || next.status === 'rejected';
      const ok = await this.repo.update(id, body.version, {
        status: next.status as AcRequestStatus,
        needsPostReview: next.needsPostReview,
        waitingSince: now,
        decidedAt: final ? now : undefined,
      });
      if (!ok) throw AcErrors.stale();
      await this.repo.insertStep({
        requestId: id,
        revision: Number(locked.revision),
        action: body.action,
        actorId: caller.id,
        acting: signoff.acting,
        onBehalfOf: signoff.onBehalfOf,
        comment: signoff.comment,
      });
      await this.audit.record(`ac_request.${body.action}`, 'ac_request', id, { status: locked.status, version: locked.version }, {
        status: next.status as AcRequestStatus,
        acting: signoff.acting,
        onBehalfOf: signoff.onBehalfOf,
        comment: signoff.comment,
      });
      const row = (await this.repo.find(id))!;
      await this.afterDecision(row, body.action, caller.displayName, actingFor, signoff.comment, now);
    });
    return this.queries.get(id);
  }

  private async afterDecision(
    row: NonNullable<Awaited<ReturnType<AcRequestsRepository['find']>>>,
    action: AcDecisionAction,
    deciderName: string,
    actingFor: { id: string; displayName: string } | null,
    comment: string | null,
    now: Date,
  ): Promise<void> {
    await this.notifier.decided(row, action, deciderName, actingFor?.displayName ?? null, comment);
    if (actingFor) await this.notifier.postReview(row, action, actingFor.id, deciderName);
    if (row.status === 'endorsed') await this.notifier.approvalRequested(row, now);
    if (row.status === 'approved') {
      await this.instructions.changed(row.dates, now, (date, revision, count) => this.notifier.instructionsChanged(date, revision, count));
    }
  }
}
