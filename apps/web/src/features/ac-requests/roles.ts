import type { Role } from '@rr/contracts';

/** 総務課 and system administrators keep zones and rates and read reports. */
export const AC_ADMIN_ROLES: readonly Role[] = ['general_affairs', 'sysadmin'];
/** Who reads the operator's daily sheet. */
export const AC_OPERATOR_ROLES: readonly Role[] = ['building_operator', 'general_affairs', 'sysadmin'];
