import { Injectable } from '@nestjs/common';
import type { AcRequestStatus } from '@rr/contracts';
import type { AcActor, AcApproverRole } from '@rr/domain';
import { OrganisationService } from '@rr/server/organisation';
import { AcRequestRow, AcRequestsRepository, PersonRow } from './ac-requests.repository';
import type { AcCaller } from './actor';

export interface Person {
  id: string;
  displayName: string;
}

/** Who must act on a waiting request: one entry per approver, naming the deputy when they are absent. */
export interface NextActor {
  userId: string;
  /** The absent approver this user acts for (代決), or null when acting in their own right. */
  actingFor: Person | null;
}

export type WaitingStep = 'endorse' | 'approve';

/** The approver role a request in `status` waits for; null when nobody has to decide. */
export function stepOf(status: AcRequestStatus): { step: WaitingStep; role: AcApproverRole } | null {
  if (status === 'submitted') return { step: 'endorse', role: 'section_chief' };
  if (status === 'endorsed') return { step: 'approve', role: 'general_affairs' };
  return null;
}

const person = (row: PersonRow): Person => ({ id: row.id, displayName: row.display_name });

/**
 * The approval route's people (ADR 0016): the section's 課長 (users with `section_chief` in the
 * request's section) endorse, General Affairs (`general_affairs`) decide. When an approver is absent
 * (不在), OrganisationService.actingApprover names the deputy who may decide for them (代決); this
 * service turns that into the `actingFor` the state machine records, lists who is to be notified,
 * and builds the inbox.
 */
@Injectable()
export class AcApproversService {
  constructor(
    private readonly repo: AcRequestsRepository,
    private readonly organisation: OrganisationService,
  ) {}

  /** Approvers of the step in their own right (the applicant never approves at General Affairs). */
  private async principals(role: AcApproverRole, request: Pick<AcRequestRow, 'section_id' | 'applicant_id'>): Promise<PersonRow[]> {
    if (role === 'section_chief') return this.repo.usersWithRole('section_chief', request.section_id);
    return (await this.repo.usersWithRole('general_affairs')).filter((u) => u.id !== request.applicant_id);
  }

  /**
   * The state machine's actor for `caller` on a request in `status`: own roles, plus — only when
   * the caller lacks authority of their own — the absent approver they are the acting deputy for.
   */
  async actorFor(caller: AcCaller, request: Pick<AcRequestRow, 'status' | 'section_id' | 'applicant_id'>, now: Date): Promise<{ actor: AcActor; actingFor: Person | null }> {
    const roles = caller.roles.filter((r): r is AcApproverRole => r === 'section_chief' || r === 'general_affairs');
    const base: AcActor = { userId: caller.id, sectionId: caller.sectionId, roles, actingFor: null };
    const waiting = stepOf(request.status);
    if (!waiting) return { actor: base, actingFor: null };
    const own = waiting.role === 'section_chief' ? roles.includes('section_chief') && caller.sectionId === request.section_id : roles.includes('general_affairs');
    if (own) return { actor: base, actingFor: null };
    for (const principal of await this.principals(waiting.role, request)) {
      if (principal.id === caller.id) continue;
      const acting = await this.organisation.actingApprover(principal.id, now);
      if (acting.isActing && acting.actingId === caller.id) {
        return {
          actor: { ...base, actingFor: { userId: principal.id, role: waiting.role, sectionId: waiting.role === 'section_chief' ? request.section_id : undefined } },
          actingFor: person(principal),
        };
      }
    }
    return { actor: base, actingFor: null };
  }

  /** Who is asked to act now: each approver, or their acting deputy while they are absent. */
  async nextActors(request: Pick<AcRequestRow, 'status' | 'section_id' | 'applicant_id'>, now: Date): Promise<NextActor[]> {
    const waiting = stepOf(request.status);
    if (!waiting) return [];
    const out = new Map<string, NextActor>();
    for (const principal of await this.principals(waiting.role, request)) {
      const acting = await this.organisation.actingApprover(principal.id, now);
      if (acting.isActing) {
        if (!out.has(acting.actingId)) out.set(acting.actingId, { userId: acting.actingId, actingFor: person(principal) });
      } else {
        out.set(principal.id, { userId: principal.id, actingFor: null });
      }
    }
    return [...out.values()];
  }

  /** Requests waiting for `caller`, in their own right first, then as acting deputy (代決). */
  async inbox(caller: AcCaller, now: Date): Promise<Array<{ row: AcRequestRow; step: WaitingStep; actingFor: Person | null }>> {
    const out = new Map<string, { row: AcRequestRow; step: WaitingStep; actingFor: Person | null }>();
    const isChief = caller.roles.includes('section_chief');
    const isGa = caller.roles.includes('general_affairs');
    if (isChief) for (const row of await this.repo.listWaiting('submitted', [caller.sectionId])) out.set(row.id, { row, step: 'endorse', actingFor: null });
    if (isGa) {
      for (const row of await this.repo.listWaiting('endorsed')) if (row.applicant_id !== caller.id) out.set(row.id, { row, step: 'approve', actingFor: null });
    }
    for (const p of await this.repo.principalsOf(caller.id)) {
      const acting = await this.organisation.actingApprover(p.approver_id, now);
      if (!acting.isActing || acting.actingId !== caller.id) continue;
      const principal = { id: p.approver_id, displayName: p.display_name };
      if (p.roles.includes('section_chief') && !(isChief && p.section_id === caller.sectionId)) {
        for (const row of await this.repo.listWaiting('submitted', [p.section_id])) if (!out.has(row.id)) out.set(row.id, { row, step: 'endorse', actingFor: principal });
      }
      if (p.roles.includes('general_affairs') && !isGa) {
        for (const row of await this.repo.listWaiting('endorsed')) {
          if (row.applicant_id !== caller.id && row.applicant_id !== p.approver_id && !out.has(row.id)) out.set(row.id, { row, step: 'approve', actingFor: principal });
        }
      }
    }
    return [...out.values()].sort((a, b) => a.row.waiting_since.getTime() - b.row.waiting_since.getTime() || Number(a.row.number) - Number(b.row.number));
  }

  /** Operators (building_operator) who get the day's operating instructions. */
  async operators(): Promise<string[]> {
    return (await this.repo.usersWithRole('building_operator')).map((u) => u.id);
  }
}
