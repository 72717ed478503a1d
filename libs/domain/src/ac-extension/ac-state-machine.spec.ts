import {
  AC_ACTIONS,
  AC_STATUSES,
  AcActionType,
  AcActor,
  AcRequestState,
  AcStatus,
  allowedAcActions,
  checkAcCancellable,
  isFinalAcStatus,
  newAcRequestState,
  transition,
} from './ac-state-machine';
import { appErrorOf } from './ac-extension.test-helpers';

const applicant: AcActor = { userId: 'u-staff', sectionId: 'kikaku', roles: [] };
const chief: AcActor = { userId: 'u-chief', sectionId: 'kikaku', roles: ['section_chief'] };
const otherChief: AcActor = { userId: 'u-chief-2', sectionId: 'zaisei', roles: ['section_chief'] };
const soumu: AcActor = { userId: 'u-soumu', sectionId: 'soumu', roles: ['general_affairs'] };
const deputyChief: AcActor = { userId: 'u-kakaricho', sectionId: 'kikaku', roles: [], actingFor: { userId: 'u-chief', role: 'section_chief', sectionId: 'kikaku' } };
const deputySoumu: AcActor = { userId: 'u-soumu-2', sectionId: 'soumu', roles: [], actingFor: { userId: 'u-soumu', role: 'general_affairs' } };

const draft = newAcRequestState('u-staff', 'kikaku');

/** The legal table, written out independently of the implementation's. */
const LEGAL: Record<AcStatus, Partial<Record<AcActionType, AcStatus>>> = {
  draft: { submit: 'submitted' },
  submitted: { endorse: 'endorsed', send_back: 'sent_back', withdraw: 'withdrawn' },
  endorsed: { approve: 'approved', reject: 'rejected', send_back: 'sent_back', withdraw: 'withdrawn' },
  sent_back: { submit: 'submitted', withdraw: 'withdrawn' },
  approved: { cancel: 'cancelled' },
  rejected: {},
  withdrawn: {},
  cancelled: {},
};

function stateIn(status: AcStatus): AcRequestState {
  return { ...draft, status, revision: status === 'draft' ? 0 : 1 };
}

/** Someone who would be entitled to the action if it were legal in that status. */
function entitledActor(action: AcActionType, status: AcStatus): AcActor {
  if (action === 'submit' || action === 'withdraw' || action === 'cancel') return applicant;
  if (action === 'endorse' || (action === 'send_back' && status === 'submitted')) return chief;
  return soumu;
}

describe('transition', () => {
  describe('happy path', () => {
    it('should go draft → submitted → endorsed → approved with plain signatures', () => {
      const submitted = transition(draft, { type: 'submit' }, applicant);
      expect(submitted).toMatchObject({ status: 'submitted', revision: 1 });
      const endorsed = transition(submitted, { type: 'endorse', comment: '了' }, chief);
      expect(endorsed.endorsement).toEqual({ userId: 'u-chief', acting: false, onBehalfOf: null, comment: '了' });
      const approved = transition(endorsed, { type: 'approve' }, soumu);
      expect(approved).toMatchObject({
        status: 'approved',
        decision: { userId: 'u-soumu', acting: false, onBehalfOf: null, comment: null },
        needsPostReview: false,
      });
      expect(isFinalAcStatus(approved.status)).toBe(false); // only cancellation remains
      expect(allowedAcActions(approved.status)).toEqual(['cancel']);
    });

    it('should not mutate the state it is given', () => {
      const frozen = Object.freeze({ ...draft });
      transition(frozen, { type: 'submit' }, applicant);
      expect(frozen.status).toBe('draft');
    });

    it('should come back through sent_back and resubmit as a new revision without the old signatures', () => {
      const endorsed = transition(transition(draft, { type: 'submit' }, applicant), { type: 'endorse' }, chief);
      const sentBack = transition(endorsed, { type: 'send_back', comment: '人数を確認してください' }, soumu);
      expect(sentBack).toMatchObject({ status: 'sent_back', decision: { userId: 'u-soumu', comment: '人数を確認してください' } });
      const resubmitted = transition(sentBack, { type: 'submit' }, applicant);
      expect(resubmitted).toMatchObject({ status: 'submitted', revision: 2, endorsement: null, decision: null });
    });

    it('should let the 課長 send back a submitted request to the applicant', () => {
      const submitted = transition(draft, { type: 'submit' }, applicant);
      expect(transition(submitted, { type: 'send_back', comment: '理由を具体的に' }, chief).status).toBe('sent_back');
    });

    it('should reject with a comment', () => {
      const endorsed = transition(transition(draft, { type: 'submit' }, applicant), { type: 'endorse' }, chief);
      expect(transition(endorsed, { type: 'reject', comment: '会議室の変更で対応可能' }, soumu)).toMatchObject({ status: 'rejected', decision: { comment: '会議室の変更で対応可能' } });
    });

    it.each(['submitted', 'endorsed', 'sent_back'] as const)('should let the applicant withdraw from %s', (status) => {
      expect(transition(stateIn(status), { type: 'withdraw' }, applicant).status).toBe('withdrawn');
    });
  });

  describe('代決 (acting approval)', () => {
    it('should record a deputy endorsement and a deputy approval as acting, for the absent principal', () => {
      const endorsed = transition(transition(draft, { type: 'submit' }, applicant), { type: 'endorse' }, deputyChief);
      expect(endorsed.endorsement).toEqual({ userId: 'u-kakaricho', acting: true, onBehalfOf: 'u-chief', comment: null });
      expect(endorsed.needsPostReview).toBe(true);
      const approved = transition(endorsed, { type: 'approve' }, deputySoumu);
      expect(approved.decision).toEqual({ userId: 'u-soumu-2', acting: true, onBehalfOf: 'u-soumu', comment: null });
      expect(approved.needsPostReview).toBe(true);
    });

    it('should sign in their own right when the actor holds the role and is also a deputy', () => {
      const both: AcActor = { ...soumu, actingFor: { userId: 'u-soumu-boss', role: 'general_affairs' } };
      const endorsed = transition(transition(draft, { type: 'submit' }, applicant), { type: 'endorse' }, chief);
      expect(transition(endorsed, { type: 'approve' }, both).decision).toMatchObject({ acting: false, onBehalfOf: null });
    });

    it('should refuse a deputy for another section’s 課長', () => {
      const wrongDeputy: AcActor = { ...deputyChief, actingFor: { userId: 'u-chief-2', role: 'section_chief', sectionId: 'zaisei' } };
      expect(appErrorOf(() => transition(stateIn('submitted'), { type: 'endorse' }, wrongDeputy))).toMatchObject({ code: 'AC_NOT_ALLOWED', kind: 'forbidden' });
    });

    it('should refuse a user who names themselves as their own principal', () => {
      const self: AcActor = { userId: 'u-x', sectionId: 'soumu', roles: [], actingFor: { userId: 'u-x', role: 'general_affairs' } };
      expect(appErrorOf(() => transition(stateIn('endorsed'), { type: 'approve' }, self)).code).toBe('AC_NOT_ALLOWED');
    });
  });

  describe('authority', () => {
    it.each([
      ['someone else submits', 'draft', 'submit', chief],
      ['someone else withdraws', 'submitted', 'withdraw', soumu],
      ['a staff member endorses', 'submitted', 'endorse', applicant],
      ['another section’s 課長 endorses', 'submitted', 'endorse', otherChief],
      ['総務課 endorses for the section', 'submitted', 'endorse', soumu],
      ['総務課 sends back before the 課長 endorsed', 'submitted', 'send_back', soumu],
      ['the 課長 approves', 'endorsed', 'approve', chief],
      ['the 課長 rejects', 'endorsed', 'reject', chief],
      ['the 課長 sends back after endorsing', 'endorsed', 'send_back', chief],
    ] as const)('should throw AC_NOT_ALLOWED when %s', (_label, status, type, actor) => {
      const error = appErrorOf(() => transition(stateIn(status), { type, comment: '理由' }, actor));
      expect(error.code).toBe('AC_NOT_ALLOWED');
      expect(error.kind).toBe('forbidden');
    });

    it('should forbid 総務課 staff from approving their own request, even as deputy', () => {
      const ownRequest = { ...stateIn('endorsed'), applicantId: 'u-soumu' };
      expect(appErrorOf(() => transition(ownRequest, { type: 'approve' }, soumu)).params).toMatchObject({ reason: 'self_approval' });
      const ownAsDeputy = { ...stateIn('endorsed'), applicantId: 'u-soumu-2' };
      expect(appErrorOf(() => transition(ownAsDeputy, { type: 'approve' }, deputySoumu)).code).toBe('AC_NOT_ALLOWED');
    });

    it.each([
      ['reject', 'endorsed', soumu],
      ['send_back', 'endorsed', soumu],
      ['send_back', 'submitted', chief],
    ] as const)('should throw AC_COMMENT_REQUIRED when %s from %s has a blank comment', (type, status, actor) => {
      expect(appErrorOf(() => transition(stateIn(status), { type, comment: '  ' }, actor))).toMatchObject({ code: 'AC_COMMENT_REQUIRED', kind: 'validation' });
    });
  });

  describe('cancel (plans changed)', () => {
    const approved = stateIn('approved');

    it('should let the applicant cancel an approved request with a reason, recording who and why', () => {
      const cancelled = transition(approved, { type: 'cancel', comment: ' 会議が中止になった ' }, applicant);
      expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { userId: 'u-staff', acting: false, onBehalfOf: null, comment: '会議が中止になった' } });
      expect(isFinalAcStatus(cancelled.status)).toBe(true);
    });

    it('should let 総務課 cancel someone else’s approved request', () => {
      expect(transition(approved, { type: 'cancel', comment: '庁舎点検のため' }, soumu)).toMatchObject({ status: 'cancelled', cancellation: { userId: 'u-soumu' } });
    });

    it.each([
      ['the section’s 課長', chief],
      ['another staff member', { userId: 'u-other', sectionId: 'kikaku', roles: [] } as AcActor],
      ['a deputy of 総務課 (cancelling is not a 決裁)', deputySoumu],
    ] as const)('should throw AC_NOT_ALLOWED when %s cancels', (_label, actor) => {
      expect(appErrorOf(() => transition(approved, { type: 'cancel', comment: '理由' }, actor))).toMatchObject({ code: 'AC_NOT_ALLOWED', kind: 'forbidden' });
    });

    it('should throw AC_CANCEL_REASON_REQUIRED without a reason', () => {
      expect(appErrorOf(() => transition(approved, { type: 'cancel', comment: '   ' }, applicant))).toMatchObject({ code: 'AC_CANCEL_REASON_REQUIRED', kind: 'validation' });
      expect(appErrorOf(() => transition(approved, { type: 'cancel' }, soumu)).code).toBe('AC_CANCEL_REASON_REQUIRED');
    });

    it.each(['submitted', 'endorsed', 'rejected', 'withdrawn', 'cancelled'] as const)('should throw AC_INVALID_TRANSITION when cancelling from %s (status before authority)', (status) => {
      expect(appErrorOf(() => transition(stateIn(status), { type: 'cancel', comment: '理由' }, { userId: 'u-nobody', sectionId: 'x', roles: [] }))).toMatchObject({
        code: 'AC_INVALID_TRANSITION',
        kind: 'conflict',
      });
    });
  });

  describe('checkAcCancellable', () => {
    // 2026-12-10 18:00 Tokyo = 09:00 UTC.
    it('should allow cancelling until the requested start on the earliest date (Tokyo time)', () => {
      expect(() => checkAcCancellable('2026-12-10', 18 * 60, new Date('2026-12-10T08:59:59Z'))).not.toThrow();
      expect(() => checkAcCancellable('2026-12-10', 18 * 60, new Date('2026-12-09T20:00:00Z'))).not.toThrow();
    });

    it('should throw AC_CANCEL_TOO_LATE from the start on', () => {
      expect(appErrorOf(() => checkAcCancellable('2026-12-10', 18 * 60, new Date('2026-12-10T09:00:00Z')))).toMatchObject({ code: 'AC_CANCEL_TOO_LATE', kind: 'conflict' });
      expect(appErrorOf(() => checkAcCancellable('2026-12-10', 0, new Date('2026-12-09T15:00:00Z'))).code).toBe('AC_CANCEL_TOO_LATE');
      expect(appErrorOf(() => checkAcCancellable('2026-12-10', 18 * 60, new Date('2026-12-11T00:00:00Z'))).code).toBe('AC_CANCEL_TOO_LATE');
    });
  });

  describe('illegal transitions', () => {
    const illegal = AC_STATUSES.flatMap((status) => AC_ACTIONS.filter((action) => LEGAL[status][action] === undefined).map((action) => [status, action] as const));

    it('should cover every (status, action) pair outside the legal table', () => {
      expect(illegal).toHaveLength(AC_STATUSES.length * AC_ACTIONS.length - 11); // 11 legal pairs
    });

    it.each(illegal)('should throw AC_INVALID_TRANSITION for %s → %s, whoever asks', (status, action) => {
      for (const actor of [entitledActor(action, status), applicant, chief, soumu, deputySoumu]) {
        const error = appErrorOf(() => transition(stateIn(status), { type: action, comment: '理由' }, actor));
        expect(error).toMatchObject({ code: 'AC_INVALID_TRANSITION', kind: 'conflict', params: { from: status, action } });
      }
    });

    it.each(AC_STATUSES.flatMap((status) => Object.entries(LEGAL[status]).map(([action, to]) => [status, action as AcActionType, to] as const)))(
      'should allow %s → %s giving %s for an entitled actor',
      (status, action, to) => {
        expect(transition(stateIn(status), { type: action, comment: '理由' }, entitledActor(action, status)).status).toBe(to);
      },
    );

    it('should throw AC_INVALID_TRANSITION for an unknown action', () => {
      expect(appErrorOf(() => transition(draft, { type: 'approve_all' as AcActionType }, soumu)).code).toBe('AC_INVALID_TRANSITION');
    });

    it('should list the actions a UI may offer in each status', () => {
      for (const status of AC_STATUSES) expect(allowedAcActions(status).sort()).toEqual(Object.keys(LEGAL[status]).sort());
    });
  });
});
