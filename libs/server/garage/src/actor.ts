import type { Role } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { requestContext } from '@rr/server/http';

/** Who may record checks and hand over keys: the safe-driving manager and assistants (garage_admin). */
export const CHECKER_ROLES: Role[] = ['garage_admin'];
/** Who may read every record, export and print the ledger. */
export const RECORD_READER_ROLES: Role[] = ['garage_admin', 'sysadmin'];

export interface GarageActor {
  id: string;
  displayName: string;
  roles: Role[];
}

export function currentActor(): GarageActor {
  const actor = requestContext.get()?.actor;
  if (!actor) throw new AppError('AUTH_REQUIRED', 'unauthenticated');
  return actor;
}
