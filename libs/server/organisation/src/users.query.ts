import { pageQuerySchema, roleSchema } from '@rr/contracts';
import { z } from 'zod';

/** An empty query parameter (`?q=`, as a form sends it) means "no filter". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** GET /api/users query (people pickers and the admin list). */
export const userListQuerySchema = pageQuerySchema
  .extend({
    q: optional(z.string().trim().max(100)),
    sectionId: optional(z.uuid()),
    role: optional(roleSchema),
  })
  .strict();
export type UserListQuery = z.output<typeof userListQuerySchema>;
