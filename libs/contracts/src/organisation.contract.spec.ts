import { createUserSchema, updateDepartmentSchema, updateSectionSchema, updateUserSchema } from './organisation.contract';

describe('organisation contracts', () => {
  it('should leave unsent fields out of an update when the body is empty', () => {
    expect(updateUserSchema.parse({})).toEqual({});
    expect(updateDepartmentSchema.parse({})).toEqual({});
    expect(updateSectionSchema.parse({})).toEqual({});
  });

  it('should keep only the sent field when one field is updated', () => {
    expect(updateUserSchema.parse({ displayName: '北九 花子' })).toEqual({ displayName: '北九 花子' });
  });

  it('should still fill defaults when creating a user', () => {
    const parsed = createUserSchema.parse({
      username: 'hanako',
      displayName: '北九 花子',
      employeeNumber: 'K1',
      email: 'hanako@example.jp',
      sectionId: '00000000-0000-4000-8000-000000000000',
      roles: ['staff'],
    });
    expect(parsed).toMatchObject({ locale: 'ja', isActive: true, nameKana: '' });
  });

  it('should refuse unknown fields in an update', () => {
    expect(updateUserSchema.safeParse({ admin: true }).success).toBe(false);
  });
});
