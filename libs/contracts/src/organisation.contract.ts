import { z } from 'zod';
import { roleSchema } from './auth.contract';

const code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/);
const name = z.string().trim().min(1).max(100);

export const departmentKindSchema = z.enum(['kyoku', 'ku', 'iinkai', 'other']);

export const departmentSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: departmentKindSchema,
  sortOrder: z.number().int(),
});
export type Department = z.infer<typeof departmentSchema>;

const sortOrder = z.number().int().min(0).max(100000);
// Update schemas are built from the fields WITHOUT defaults: `.partial()` keeps `.default()`, so
// `PATCH {}` would otherwise reset sortOrder, locale or isActive silently.
const departmentFields = { code, name, kind: departmentKindSchema, sortOrder };
export const createDepartmentSchema = z.strictObject({ ...departmentFields, sortOrder: sortOrder.default(0) });
export type CreateDepartment = z.infer<typeof createDepartmentSchema>;
export const updateDepartmentSchema = z.strictObject(departmentFields).partial();

export const sectionSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  departmentId: z.uuid(),
  departmentName: z.string(),
  sortOrder: z.number().int(),
});
export type Section = z.infer<typeof sectionSchema>;

const sectionFields = { code, name, departmentId: z.uuid(), sortOrder };
export const createSectionSchema = z.strictObject({ ...sectionFields, sortOrder: sortOrder.default(0) });
export type CreateSection = z.infer<typeof createSectionSchema>;
export const updateSectionSchema = z.strictObject(sectionFields).partial();

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  nameKana: z.string(),
  employeeNumber: z.string(),
  email: z.string(),
  sectionId: z.uuid(),
  sectionName: z.string(),
  departmentName: z.string(),
  roles: z.array(roleSchema),
  locale: z.enum(['ja', 'en']),
  isActive: z.boolean(),
  hasPassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  deputies: z.array(z.object({ rank: z.number().int(), userId: z.uuid(), displayName: z.string() })),
});
export type User = z.infer<typeof userSchema>;

const password = z.string().min(8).max(256);

const userFields = {
  username: z.string().trim().min(2).max(64).regex(/^[a-z0-9._-]+$/),
  displayName: name,
  nameKana: z.string().trim().max(100),
  employeeNumber: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9-]+$/),
  email: z.email().max(254),
  sectionId: z.uuid(),
  roles: z.array(roleSchema).min(1).max(5),
  locale: z.enum(['ja', 'en']),
  password: password.optional(),
  isActive: z.boolean(),
};
export const createUserSchema = z.strictObject({
  ...userFields,
  nameKana: userFields.nameKana.default(''),
  locale: userFields.locale.default('ja'),
  isActive: userFields.isActive.default(true),
});
export type CreateUser = z.infer<typeof createUserSchema>;
export const updateUserSchema = z.strictObject(userFields).partial();
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const setDeputiesSchema = z.strictObject({
  deputies: z.array(z.uuid()).max(2),
});

export const absenceSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
});
export type Absence = z.infer<typeof absenceSchema>;
export const createAbsenceSchema = z
  .strictObject({
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    reason: z.string().trim().max(200).default(''),
  })
  .refine((v) => new Date(v.endsAt) > new Date(v.startsAt), { message: 'endsAt must be after startsAt', path: ['endsAt'] });

export const userCsvImportResultSchema = z.object({ created: z.number().int(), updated: z.number().int() });
export type UserCsvImportResult = z.infer<typeof userCsvImportResultSchema>;

/** Columns of the user CSV import (header row required, UTF-8, BOM allowed). */
export const USER_CSV_COLUMNS = ['username', 'display_name', 'name_kana', 'employee_number', 'email', 'section_code', 'roles', 'locale'] as const;

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
