import { z } from 'zod';

export const ROLE_NAMES = ['staff', 'section_chief', 'garage_admin', 'general_affairs', 'sysadmin', 'building_operator'] as const;
export const roleSchema = z.enum(ROLE_NAMES);
export type Role = z.infer<typeof roleSchema>;

export const loginRequestSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const currentUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  nameKana: z.string(),
  employeeNumber: z.string(),
  email: z.string(),
  locale: z.enum(['ja', 'en']),
  roles: z.array(roleSchema),
  section: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  department: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** Returned by login and by GET /api/auth/me: the CSRF token goes in `X-CSRF-Token` on every write. */
export const sessionResponseSchema = z.object({
  user: currentUserSchema,
  csrfToken: z.string(),
  authMethod: z.enum(['local', 'oidc']),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const authOptionsSchema = z.object({ oidcEnabled: z.boolean() });
export type AuthOptions = z.infer<typeof authOptionsSchema>;

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'rr_session';
