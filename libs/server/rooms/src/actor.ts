import type { Role } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { requestContext } from '@rr/server/http';

/** Roles that administer rooms and blocks and may change or cancel anyone's room booking. */
export const ROOM_ADMIN_ROLES: Role[] = ['general_affairs', 'sysadmin'];

export interface RoomActor {
  id: string;
  displayName: string;
  roles: Role[];
  isAdmin: boolean;
}

/** The signed-in caller (set by the global auth guard); every rooms route is @SignedIn or @Roles. */
export function currentActor(): RoomActor {
  const actor = requestContext.get()?.actor;
  if (!actor) throw new AppError('AUTH_REQUIRED', 'unauthenticated');
  return { id: actor.id, displayName: actor.displayName, roles: actor.roles, isAdmin: actor.roles.some((r) => ROOM_ADMIN_ROLES.includes(r)) };
}
