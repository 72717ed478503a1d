import type { Role } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { requestContext } from '@rr/server/http';

/** Roles that administer zones, rates, settings and budgets, and read reports. */
export const AC_ADMIN_ROLES: Role[] = ['general_affairs', 'sysadmin'];
/** Roles that read the operator's daily sheet. */
export const AC_OPERATOR_ROLES: Role[] = ['building_operator', 'general_affairs', 'sysadmin'];

export interface AcCaller {
  id: string;
  displayName: string;
  roles: Role[];
  sectionId: string;
}

/** The signed-in caller (set by the global auth guard); every AC route is @SignedIn or @Roles. */
export function currentCaller(): AcCaller {
  const actor = requestContext.get()?.actor;
  if (!actor) throw new AppError('AUTH_REQUIRED', 'unauthenticated');
  return { id: actor.id, displayName: actor.displayName, roles: actor.roles, sectionId: actor.sectionId };
}
