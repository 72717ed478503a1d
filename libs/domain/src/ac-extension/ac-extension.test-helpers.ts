import { AppError } from '../errors/app-error';
import { AcZone, defaultAcZone } from './ac-zones';
import { AcRequestInput } from './ac-request';

/** Wednesday, a business day. */
export const WEDNESDAY = '2026-06-10';
/** Saturday, closed. */
export const SATURDAY = '2026-06-13';

export const ZONE_5F = defaultAcZone('5F', '5階');
export const ZONE_6F = defaultAcZone('6F', '6階');
export const ZONE_7F = defaultAcZone('7F', '7階');
export const ZONES: readonly AcZone[] = [ZONE_5F, ZONE_6F, ZONE_7F];

export function requestInput(overrides: Partial<AcRequestInput> = {}): AcRequestInput {
  return {
    sectionId: 'soumu',
    dates: [WEDNESDAY],
    zoneIds: ['5F'],
    time: { start: '17:15', end: '19:00' },
    headcount: 12,
    reason: { category: 'public_meeting', text: '市民説明会(室温28℃超の見込み)' },
    ...overrides,
  };
}

/** Runs `fn` and returns the AppError it throws (fails the test if it throws anything else). */
export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}
