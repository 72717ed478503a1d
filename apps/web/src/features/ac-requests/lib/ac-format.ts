/** ¥ amounts as the city writes them: 52,500. */
export function formatYen(yen: number): string {
  return yen.toLocaleString('ja-JP');
}

/** Minutes as hours with up to two decimals: 105 → "1.75". */
export function formatHours(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

/** Every selectable time: the 30-minute grid plus the normal hours' boundaries (08:30 is on it, 17:15 is not). */
export const AC_TIME_OPTIONS: string[] = (() => {
  const out: string[] = [];
  for (let m = 0; m <= 24 * 60; m += 30) out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  out.push('17:15');
  return out.sort();
})();

/** A room booking's time snapped outward to the grid: start down, end up (16:45 → 16:30, 18:45 → 19:00). */
export function snapTime(text: string | null, direction: 'down' | 'up'): string | null {
  const m = text ? /^(\d{2}):(\d{2})$/.exec(text) : null;
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes === 17 * 60 + 15) return '17:15';
  const snapped = direction === 'down' ? Math.floor(minutes / 30) * 30 : Math.ceil(minutes / 30) * 30;
  const clamped = Math.min(Math.max(snapped, 0), 24 * 60);
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}
