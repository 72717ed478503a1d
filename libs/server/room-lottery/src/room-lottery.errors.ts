import type { Role } from '@rr/contracts';
import { ROOM_LOTTERY_MAX_CHOICES } from '@rr/contracts';
import { AppError } from '@rr/domain';
import { requestContext } from '@rr/server/http';

/** Roles that create room lottery rounds and see every entry and the draw record. */
export const ROOM_LOTTERY_ADMIN_ROLES: Role[] = ['general_affairs', 'sysadmin'];

/** The room lottery's typed errors (codes and ja/en texts in @rr/contracts ERROR_MESSAGES). */
export const RoomLotteryErrors = {
  roundNotFound: () => new AppError('ROOM_LOTTERY_ROUND_NOT_FOUND', 'not_found'),
  requestNotFound: () => new AppError('ROOM_LOTTERY_REQUEST_NOT_FOUND', 'not_found'),
  notHighDemand: () => new AppError('ROOM_LOTTERY_NOT_HIGH_DEMAND', 'validation'),
  notInRound: () => new AppError('ROOM_LOTTERY_NOT_IN_ROUND', 'validation'),
  windowClosed: () => new AppError('ROOM_LOTTERY_WINDOW_CLOSED', 'conflict'),
  outsidePeriod: (from: string, to: string) => new AppError('ROOM_LOTTERY_OUTSIDE_PERIOD', 'validation', { from, to }),
  tooManyOptions: () => new AppError('ROOM_LOTTERY_TOO_MANY_OPTIONS', 'validation', { max: ROOM_LOTTERY_MAX_CHOICES }),
  scheduleInvalid: (reason: string) => new AppError('ROOM_LOTTERY_SCHEDULE_INVALID', 'validation', { reason }),
  notOwner: () => new AppError('ROOM_LOTTERY_NOT_OWNER', 'forbidden'),
  notAWin: () => new AppError('ROOM_LOTTERY_NOT_A_WIN', 'conflict'),
  confirmClosed: (deadline: string) => new AppError('ROOM_LOTTERY_CONFIRM_CLOSED', 'conflict', { deadline }),
};

export interface RoomLotteryActor {
  id: string;
  isAdmin: boolean;
}

export function currentActor(): RoomLotteryActor {
  const actor = requestContext.get()?.actor;
  if (!actor) throw new AppError('AUTH_REQUIRED', 'unauthenticated');
  return { id: actor.id, isAdmin: actor.roles.some((r) => ROOM_LOTTERY_ADMIN_ROLES.includes(r)) };
}

/** Injection token of the clock (a test moves its own). */
export const ROOM_LOTTERY_CLOCK = Symbol('ROOM_LOTTERY_CLOCK');
