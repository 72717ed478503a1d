import { DateTime } from 'luxon';
import { TOKYO } from '../time/tokyo';
import { acError } from './ac-extension.errors';

/**
 * Approval route of an AC extension request (DOMAIN.md §5.1): the applicant files it, the section's
 * 課長 endorses it (決裁 of the section), then 総務市民局総務課 decides.
 *
 *   draft ─submit→ submitted ─endorse→ endorsed ─approve→ approved
 *                     │   ▲                │      ─reject→  rejected
 *                     │   └──submit── sent_back ◄─send_back─┤ (課長 or 総務課)
 *                     └──────send_back────┘
 *   submitted | endorsed | sent_back ─withdraw→ withdrawn (applicant, before a decision)
 *   approved ─cancel→ cancelled (plans changed: the applicant or 総務課, with a reason)
 *
 * rejected, withdrawn and cancelled are final; approved only leads to cancelled. Whether the
 * extension has already started (too late to cancel) depends on the clock and is checked by
 * `checkAcCancellable`. Only 総務課 rejects: a 課長 who disagrees sends the
 * request back to their own staff instead. Comments are required when sending back or rejecting so
 * the applicant learns why.
 */
export const AC_STATUSES = ['draft', 'submitted', 'endorsed', 'approved', 'rejected', 'sent_back', 'withdrawn', 'cancelled'] as const;
export type AcStatus = (typeof AC_STATUSES)[number];

export const AC_ACTIONS = ['submit', 'endorse', 'approve', 'reject', 'send_back', 'withdraw', 'cancel'] as const;
export type AcActionType = (typeof AC_ACTIONS)[number];

export interface AcAction {
  readonly type: AcActionType;
  readonly comment?: string;
}

/** Who may decide each step: the section's 課長, or an approver of 総務課. */
export type AcApproverRole = 'section_chief' | 'general_affairs';

/**
 * The person performing an action. Authority comes from `roles` (held in one's own right; a
 * `section_chief` role counts only for their own `sectionId`) or, for 代決, from `actingFor`: the
 * approver who named this user as deputy in advance and is absent. Whether the principal is absent
 * is the server's call (it knows leave and presence); this module only records that it happened.
 */
export interface AcActor {
  readonly userId: string;
  readonly sectionId: string;
  readonly roles: readonly AcApproverRole[];
  readonly actingFor?: {
    readonly userId: string;
    readonly role: AcApproverRole;
    /** For a section_chief principal: the section they lead. */
    readonly sectionId?: string;
  } | null;
}

/** A signature on the file: who, whether as 代決 and for whom (shown as 「代決 (本来の決裁者: …)」). */
export interface AcSignoff {
  readonly userId: string;
  readonly acting: boolean;
  /** The absent approver a 代決 was made for; they must read it afterwards (後閲 / 事後報告). */
  readonly onBehalfOf: string | null;
  readonly comment: string | null;
}

export interface AcRequestState {
  readonly status: AcStatus;
  readonly applicantId: string;
  readonly sectionId: string;
  /** 1 on first submission, +1 on every resubmission after a send-back. 0 while a draft. */
  readonly revision: number;
  /** The 課長's endorsement of the current revision. */
  readonly endorsement: AcSignoff | null;
  /** 総務課's decision (approve or reject), or the last send-back (cleared when resubmitted). */
  readonly decision: AcSignoff | null;
  /** True once any signature on the current revision is a 代決, so the principal gets a 後閲 notice. */
  readonly needsPostReview: boolean;
  /** Who cancelled an approved request and why (never a 代決). */
  readonly cancellation?: AcSignoff | null;
}

export function newAcRequestState(applicantId: string, sectionId: string): AcRequestState {
  return { status: 'draft', applicantId, sectionId, revision: 0, endorsement: null, decision: null, needsPostReview: false };
}

const TRANSITIONS: Readonly<Record<AcActionType, Partial<Record<AcStatus, AcStatus>>>> = {
  submit: { draft: 'submitted', sent_back: 'submitted' },
  endorse: { submitted: 'endorsed' },
  approve: { endorsed: 'approved' },
  reject: { endorsed: 'rejected' },
  send_back: { submitted: 'sent_back', endorsed: 'sent_back' },
  withdraw: { submitted: 'withdrawn', endorsed: 'withdrawn', sent_back: 'withdrawn' },
  cancel: { approved: 'cancelled' },
};

/** The actions the UI may offer in a status (authority still checked by `transition`). */
export function allowedAcActions(status: AcStatus): AcActionType[] {
  return AC_ACTIONS.filter((a) => TRANSITIONS[a][status] !== undefined);
}

export function isFinalAcStatus(status: AcStatus): boolean {
  return allowedAcActions(status).length === 0;
}

/** Who must decide `action` taken in `status`, or 'applicant'. */
function requiredAuthority(action: AcActionType, status: AcStatus): AcApproverRole | 'applicant' | 'applicant_or_general_affairs' {
  switch (action) {
    case 'cancel':
      return 'applicant_or_general_affairs';
    case 'submit':
    case 'withdraw':
      return 'applicant';
    case 'endorse':
      return 'section_chief';
    case 'send_back':
      return status === 'submitted' ? 'section_chief' : 'general_affairs';
    case 'approve':
    case 'reject':
      return 'general_affairs';
  }
}

/** Own authority first; a deputy's only if the actor has none of their own. null = no authority. */
function authorityOf(actor: AcActor, role: AcApproverRole, sectionId: string): { acting: boolean; onBehalfOf: string | null } | null {
  const covers = (r: AcApproverRole, s: string | undefined) => r === role && (role !== 'section_chief' || s === sectionId);
  if (actor.roles.some((r) => covers(r, actor.sectionId))) return { acting: false, onBehalfOf: null };
  const principal = actor.actingFor;
  if (principal && principal.userId !== actor.userId && covers(principal.role, principal.sectionId)) {
    return { acting: true, onBehalfOf: principal.userId };
  }
  return null;
}

/**
 * The pure transition function. Returns the new state, or throws:
 * - AC_INVALID_TRANSITION (conflict) when the action is not possible in the current status;
 * - AC_NOT_ALLOWED (forbidden) when the actor lacks the authority, or would approve their own request;
 * - AC_COMMENT_REQUIRED (validation) when sending back or rejecting without a comment;
 * - AC_CANCEL_REASON_REQUIRED (validation) when cancelling without a reason.
 *
 * Cancelling is not a 決裁 but an administrative act: the applicant, or 総務課 in its own right (never
 * as a deputy). It leaves the signatures in place and records the canceller as `cancellation`.
 */
export function transition(state: AcRequestState, action: AcAction, actor: AcActor): AcRequestState {
  const next = TRANSITIONS[action.type]?.[state.status];
  if (next === undefined) throw acError('AC_INVALID_TRANSITION', { from: state.status, action: String(action.type) });

  const comment = action.comment?.trim() || null;
  const needed = requiredAuthority(action.type, state.status);
  if (needed === 'applicant_or_general_affairs') {
    const byApplicant = actor.userId === state.applicantId;
    if (!byApplicant && !actor.roles.includes('general_affairs')) throw acError('AC_NOT_ALLOWED', { action: action.type, reason: 'not_applicant' });
    if (comment === null) throw acError('AC_CANCEL_REASON_REQUIRED');
    return { ...state, status: next, cancellation: { userId: actor.userId, acting: false, onBehalfOf: null, comment } };
  }
  if (needed === 'applicant') {
    if (actor.userId !== state.applicantId) throw acError('AC_NOT_ALLOWED', { action: action.type, reason: 'not_applicant' });
    if (action.type === 'submit') {
      return { ...state, status: next, revision: state.revision + 1, endorsement: null, decision: null, needsPostReview: false };
    }
    return { ...state, status: next };
  }

  const authority = authorityOf(actor, needed, state.sectionId);
  if (!authority) throw acError('AC_NOT_ALLOWED', { action: action.type, reason: needed });
  // 総務課 is the check on the section: nobody decides their own request there, not even as deputy.
  if (needed === 'general_affairs' && actor.userId === state.applicantId) {
    throw acError('AC_NOT_ALLOWED', { action: action.type, reason: 'self_approval' });
  }
  if ((action.type === 'reject' || action.type === 'send_back') && comment === null) {
    throw acError('AC_COMMENT_REQUIRED', { action: action.type });
  }
  const signoff: AcSignoff = { userId: actor.userId, ...authority, comment };
  const needsPostReview = state.needsPostReview || authority.acting;
  if (action.type === 'endorse') return { ...state, status: next, endorsement: signoff, needsPostReview };
  return { ...state, status: next, decision: signoff, needsPostReview };
}

/**
 * An approved extension may be cancelled only before it starts: before the requested start time
 * (Tokyo wall clock) on its earliest date. `startMinute` is minutes of the Tokyo day; `now` an
 * instant. Throws AC_CANCEL_TOO_LATE (conflict) otherwise.
 */
export function checkAcCancellable(firstDate: string, startMinute: number, now: Date): void {
  const startsAt = DateTime.fromISO(firstDate, { zone: TOKYO }).startOf('day').plus({ minutes: startMinute });
  if (!startsAt.isValid || now.getTime() >= startsAt.toMillis()) throw acError('AC_CANCEL_TOO_LATE', { date: firstDate });
}
