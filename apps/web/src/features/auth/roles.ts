import type { Role } from '@rr/contracts';

/** Who may open each admin page. */
export const ADMIN_ROLES: readonly Role[] = ['sysadmin'];
export const AUDIT_ROLES: readonly Role[] = ['sysadmin', 'general_affairs'];
/** Who sees 管理 in the main navigation: anyone with at least one admin page. */
export const ADMIN_AREA_ROLES: readonly Role[] = AUDIT_ROLES;

export function hasAnyRole(roles: readonly Role[] | undefined, allowed: readonly Role[]): boolean {
  return !!roles && roles.some((r) => allowed.includes(r));
}
