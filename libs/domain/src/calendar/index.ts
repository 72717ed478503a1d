// Public face of the business calendar (開庁日, deadlines, 和暦). Everything is Asia/Tokyo.
export {
  BusinessCalendar,
  HOLIDAY_DATA_YEARS,
  type BusinessCalendarOptions,
  type CalendarDayNote,
  type ClosedDayInfo,
  type ClosedReason,
  type ClosedReasonCode,
  type DeadlineRule,
} from './business-calendar';
export { isValidIsoDate, type DateInput, type IsoDate } from './iso-date';
export { formatWareki, toWareki, type Wareki, type WarekiFormatOptions } from './wareki';
