// One lazily loaded chunk for every admin screen: most staff never open them.
export { DepartmentsPage } from '../organisation/components/departments-page';
export { SectionsPage } from '../organisation/components/sections-page';
export { UsersPage } from '../organisation/components/users-page';
export { UserCreatePage } from '../organisation/components/user-create-page';
export { UserDetailPage } from '../organisation/components/user-detail-page';
export { UserCsvImportPage } from '../organisation/components/user-csv-import-page';
export { AuditLogPage } from '../audit/components/audit-log-page';
export { ClosedDaysPage } from '../calendar/components/closed-days-page';
export { AdminNotificationsPage } from '../admin-notifications/components/admin-notifications-page';
