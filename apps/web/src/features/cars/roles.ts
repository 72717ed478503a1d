import type { Role } from '@rr/contracts';

/** Who manages the fleet, blocks, drivers and settings (the API checks the same roles). */
export const CAR_ADMIN_ROLES: readonly Role[] = ['garage_admin', 'sysadmin'];
