/** 'HH:mm' of a minute of the day (0…1440; 1440 = '24:00'). */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes of a strict 'HH:mm' (the contracts check the shape before this is called). */
export function minutesOf(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return h * 60 + m;
}

/** 年度: April–March, named by the year it starts in. */
export function fiscalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 4 ? year : year - 1;
}
