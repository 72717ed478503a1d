import type { Role } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { requestContext } from '@rr/server/http';

/** Roles that administer rounds, priority reservations and the lottery settings. */
export const LOTTERY_ADMIN_ROLES: Role[] = ['garage_admin', 'sysadmin'];

export interface LotteryActor {
  id: string;
  displayName: string;
  sectionId: string;
  isAdmin: boolean;
}

/** The signed-in caller (set by the global auth guard); every lottery route is @SignedIn or @Roles. */
export function currentActor(): LotteryActor {
  const actor = requestContext.get()?.actor;
  if (!actor) throw new AppError('AUTH_REQUIRED', 'unauthenticated');
  return { id: actor.id, displayName: actor.displayName, sectionId: actor.sectionId, isAdmin: actor.roles.some((r) => LOTTERY_ADMIN_ROLES.includes(r)) };
}

/** The acting user's id inside a request, or null in the worker (the audit log then says "system"). */
export function actorIdOrNull(): string | null {
  return requestContext.get()?.actor?.id ?? null;
}
