import type { CurrentUser } from '@rr/contracts';
import type { UserEntity } from '@rr/server/persistence';

export function toCurrentUser(user: UserEntity): CurrentUser {
  const section = user.section!;
  const department = section.department!;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    nameKana: user.nameKana,
    employeeNumber: user.employeeNumber,
    email: user.email,
    locale: user.locale,
    roles: user.roles,
    section: { id: section.id, code: section.code, name: section.name },
    department: { id: department.id, code: department.code, name: department.name },
  };
}
