import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import type { Role } from '@rr/contracts';
import { ForbiddenPage } from '../../../shared/components/forbidden-page';
import { useCurrentUser } from '../hooks/use-current-user';
import { hasAnyRole } from '../roles';

/** Shows a 403 page unless the signed-in user holds one of `roles` (the API checks again). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const user = useCurrentUser();
  if (!hasAnyRole(user.roles, roles)) return <ForbiddenPage />;
  return children ?? <Outlet />;
}
