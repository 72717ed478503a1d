import type { z } from 'zod';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * Validates with the shared contract schema (the same one the API uses) and returns one message
 * per field, chosen by the caller in the UI language; `errors` is null when valid.
 */
export function validateWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  messages: Partial<Record<string, string>>,
  fallback: string,
): { data: z.output<S>; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!errors[field]) errors[field] = messages[field] ?? fallback;
  }
  return { data: null, errors };
}
