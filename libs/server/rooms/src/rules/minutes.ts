// A room's bookable hours are stored as Tokyo minutes of day and shown as 'HH:mm' ('24:00' = midnight).
// (The cars feature keeps the same two helpers private; both move to libs/domain with the window rules, ADR 0012.)

export function minuteToHhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function hhmmToMinute(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return h * 60 + m;
}
