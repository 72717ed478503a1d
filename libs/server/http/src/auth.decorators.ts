import { SetMetadata } from '@nestjs/common';
import type { Role } from '@rr/contracts';

export const IS_PUBLIC = 'rr:isPublic';
export const REQUIRED_ROLES = 'rr:roles';
export const ANY_SIGNED_IN = 'rr:anySignedIn';

/** The route needs no session (sign-in, health, docs). Every other route must declare who may call it. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Any of these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Any signed-in user may call the route (e.g. their own profile, inbox). */
export const SignedIn = () => SetMetadata(ANY_SIGNED_IN, true);

export const FRESH_SESSION = 'rr:freshSession';

/** The guard reads the session from PostgreSQL, not the api process's short cache (the profile endpoint). */
export const FreshSession = () => SetMetadata(FRESH_SESSION, true);
