import type { AlcoholCheck, BoardItem, Detector, DetectorInspection, DrivingLog, GarageSettings, KeyHandover } from '@rr/contracts';
import { boardState, detectorUsability, noShowDueAt, tokyoDate } from '@rr/domain';
import type { BoardRow, CheckRow, DetectorRow, HandoverRow, InspectionRow, LogRow, SettingsRow } from './garage.repository';

export function toSettings(s: SettingsRow): GarageSettings {
  return {
    noShowMinutes: s.no_show_minutes,
    oneCheckPerDay: s.one_check_per_day,
    lateReturnGraceMinutes: s.late_return_grace_minutes,
    damageBlockDays: s.damage_block_days,
    weeklyInspectionDays: s.weekly_inspection_days,
  };
}

export function usabilityOf(d: DetectorRow, now: Date, weeklyDays: number) {
  return detectorUsability(
    {
      status: d.status,
      validUntil: d.valid_until,
      maxUses: d.max_uses,
      useCount: d.use_count,
      lastWeeklyPassedAt: d.last_weekly_passed_at,
      lastInspection: d.last_inspection_at ? { at: d.last_inspection_at, passed: d.last_inspection_passed ?? false } : null,
    },
    now,
    tokyoDate(now),
    weeklyDays,
  );
}

export function toDetector(d: DetectorRow, now: Date, weeklyDays: number): Detector {
  const u = usabilityOf(d, now, weeklyDays);
  return {
    id: d.id,
    serialNumber: d.serial_number,
    model: d.model,
    location: d.location,
    validUntil: d.valid_until,
    maxUses: d.max_uses,
    useCount: d.use_count,
    status: d.status,
    notes: d.notes,
    usable: u.usable,
    reasons: u.reasons,
    weeklyDueAt: u.weeklyDueAt?.toISOString() ?? null,
    lastInspectionAt: d.last_inspection_at?.toISOString() ?? null,
  };
}

export function toInspection(i: InspectionRow): DetectorInspection {
  return {
    id: i.id,
    detectorId: i.detector_id,
    kind: i.kind,
    inspectedAt: i.inspected_at.toISOString(),
    inspectorName: i.inspector_name,
    powerOk: i.power_ok,
    noDamage: i.no_damage,
    detectsAlcohol: i.detects_alcohol,
    noFalsePositive: i.no_false_positive,
    passed: i.passed,
    notes: i.notes,
  };
}

export function toCheck(c: CheckRow): AlcoholCheck {
  return {
    id: c.id,
    phase: c.phase,
    bookingId: c.booking_id,
    driverId: c.driver_id,
    driverName: c.driver_name,
    checkerId: c.checker_id,
    checkerName: c.checker_name,
    carId: c.car_id,
    plateNumber: c.plate_number,
    checkedAt: c.checked_at.toISOString(),
    method: c.method,
    remoteMeans: c.remote_means,
    detectorId: c.detector_id,
    detectorSerial: c.detector_serial,
    readingMgL: Number(c.reading_mg_l),
    faceColourOk: c.face_colour_ok,
    breathSmellOk: c.breath_smell_ok,
    voiceOk: c.voice_ok,
    alcoholDetected: c.alcohol_detected,
    fitToDrive: c.fit_to_drive,
    instructions: c.instructions,
    notes: c.notes,
    correctsId: c.corrects_id,
    correctionReason: c.correction_reason,
    superseded: c.superseded,
    createdAt: c.created_at.toISOString(),
  };
}

export function toHandover(h: HandoverRow): KeyHandover {
  return {
    id: h.id,
    bookingId: h.booking_id,
    kind: h.kind,
    driverId: h.driver_id,
    substitute: h.substitute,
    alcoholCheckId: h.alcohol_check_id,
    handledAt: h.handled_at.toISOString(),
    odometerKm: h.odometer_km,
    fuelLevel: h.fuel_level,
    etcCard: h.etc_card,
    defects: h.defects,
    damage: h.damage,
  };
}

export function toLog(l: LogRow): DrivingLog {
  return {
    id: l.id,
    bookingId: l.booking_id,
    carId: l.car_id,
    plateNumber: l.plate_number,
    driverId: l.driver_id,
    driverName: l.driver_name,
    sectionName: l.section_name,
    departedAt: l.departed_at.toISOString(),
    returnedAt: l.returned_at.toISOString(),
    destination: l.destination,
    purpose: l.purpose,
    passengers: l.passengers,
    odometerStart: l.odometer_start,
    odometerEnd: l.odometer_end,
    distanceKm: l.distance_km,
    fuelLitres: l.fuel_litres === null ? null : Number(l.fuel_litres),
    fuelCostYen: l.fuel_cost_yen,
    etcUsed: l.etc_used,
    defects: l.defects,
    notes: l.notes,
    preCheckId: l.pre_check_id,
    postCheckId: l.post_check_id,
    correctsId: l.corrects_id,
    correctionReason: l.correction_reason,
    superseded: l.superseded,
    createdAt: l.created_at.toISOString(),
  };
}

export function toBoardItem(b: BoardRow, now: Date, settings: SettingsRow): BoardItem {
  return {
    bookingId: b.id,
    carId: b.car_id,
    plateNumber: b.plate_number,
    carModel: b.car_model,
    className: b.class_name,
    classCode: b.class_code,
    bay: b.bay,
    driverId: b.driver_id,
    driverName: b.driver_name,
    sectionName: b.section_name,
    startsAt: b.starts_at.toISOString(),
    endsAt: b.ends_at.toISOString(),
    purpose: b.purpose,
    destination: b.destination,
    passengers: b.passengers,
    bookingStatus: b.status as BoardItem['bookingStatus'],
    state: boardState({ status: b.status, startsAt: b.starts_at, endsAt: b.ends_at }, now, settings.late_return_grace_minutes),
    noShowDueAt: noShowDueAt(b.starts_at, settings.no_show_minutes).toISOString(),
    checkedOutAt: b.checked_out_at?.toISOString() ?? null,
    returnedAt: b.returned_at?.toISOString() ?? null,
    odometerStart: b.odometer_start,
    lastOdometerKm: b.last_odometer_km,
    blocked: b.blocked,
  };
}
