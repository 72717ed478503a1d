import { AppError, HOLIDAY_DATA_YEARS } from '@rr/domain';

export const CalendarErrors = {
  dayExists: () => new AppError('CALENDAR_DAY_EXISTS', 'conflict'),
  dayNotFound: () => new AppError('CALENDAR_DAY_NOT_FOUND', 'not_found'),
  rangeUnsupported: () => new AppError('CALENDAR_RANGE_UNSUPPORTED', 'validation', { first: HOLIDAY_DATA_YEARS.first, last: HOLIDAY_DATA_YEARS.last }),
};
