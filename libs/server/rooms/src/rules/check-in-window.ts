/** The check-in settings (room_settings): opens before the start, release (and close) after it. */
export interface CheckInSettings {
  checkInOpensMinutes: number;
  releaseAfterMinutes: number;
}

/** [opensAt, closesAt): check-in is possible in it; at closesAt an unchecked booking is released. */
export function checkInWindow(startsAt: Date, s: CheckInSettings): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(startsAt.getTime() - s.checkInOpensMinutes * 60_000),
    closesAt: new Date(startsAt.getTime() + s.releaseAfterMinutes * 60_000),
  };
}

export function checkInOpen(startsAt: Date, s: CheckInSettings, now: Date): boolean {
  const w = checkInWindow(startsAt, s);
  return now >= w.opensAt && now < w.closesAt;
}
