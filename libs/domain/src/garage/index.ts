// Pure rules of the garage counter (車庫窓口, issue #5): alcohol checks, detector usability, odometer,
// no-show and late-return timing, the board's states, CSV. No I/O, no clock. ADR 0013.
export { GARAGE_ERROR_CODES, garageError, type GarageErrorCode } from './garage.errors';
export { checkCheckTime, judgeAlcoholCheck, MAX_READING_MG_L, reusableCheck, validateReading, type AlcoholCheckInput, type AlcoholCheckJudgement, type PriorCheck } from './alcohol-check';
export { detectorUsability, inspectionPassed, type DetectorFacts, type DetectorUnusableReason, type DetectorUsability, type InspectionInput } from './detector';
export {
  boardState,
  checkOdometer,
  DEFAULT_NO_SHOW_MINUTES,
  DUE_BACK_WINDOW_MINUTES,
  isLateReturn,
  isNoShow,
  MAX_ODOMETER_KM,
  monthBounds,
  noShowDueAt,
  type BoardState,
} from './trip-rules';
export { csvField, toCsv, UTF8_BOM } from './csv';
