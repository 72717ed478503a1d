import type { Role } from '@rr/contracts';

/** Who manages rooms and room blocks (the API's @Roles on /api/rooms writes and /api/room-blocks). */
export const ROOM_ADMIN_ROLES: readonly Role[] = ['general_affairs', 'sysadmin'];

/** Who may look staff up (GET /api/users), and so can pick another organiser (代理予約) by name. */
export const USER_SEARCH_ROLES: readonly Role[] = ['sysadmin', 'general_affairs', 'section_chief', 'garage_admin'];
