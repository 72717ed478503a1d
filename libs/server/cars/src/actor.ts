import type { Role } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { requestContext } from '@rr/server/http';

/** Roles that administer the fleet, blocks, drivers and everyone's bookings. */
export const CAR_ADMIN_ROLES: Role[] = ['garage_admin', 'sysadmin'];

export interface CarActor {
  id: string;
  displayName: string;
  roles: Role[];
  sectionId: string;
  isAdmin: boolean;
}

/** The signed-in caller (set by the global auth guard); every cars route is @SignedIn or @Roles. */
export function currentActor(): CarActor {
  const actor = requestContext.get()?.actor;
  if (!actor) throw new AppError('AUTH_REQUIRED', 'unauthenticated');
  return { ...actor, isAdmin: actor.roles.some((r) => CAR_ADMIN_ROLES.includes(r)) };
}
