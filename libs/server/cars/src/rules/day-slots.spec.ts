import { slotsWithinDay, tokyoDay } from './day-slots';

describe('tokyoDay', () => {
  it('should span 00:00–24:00 Tokyo (15:00Z the day before to 15:00Z) with 96 slots', () => {
    const day = tokyoDay('2027-03-11');
    expect(day.startsAt.toISOString()).toBe('2027-03-10T15:00:00.000Z');
    expect(day.endsAt.toISOString()).toBe('2027-03-11T15:00:00.000Z');
    expect(day.slotCount).toBe(96);
  });

  it('should roll over month and year ends', () => {
    expect(tokyoDay('2027-12-31').endsAt.toISOString()).toBe('2027-12-31T15:00:00.000Z');
  });
});

describe('slotsWithinDay', () => {
  const day = tokyoDay('2027-03-11');
  const t = (local: string) => new Date(`${local}+09:00`);

  it('should index a trip inside the day by quarter-hours', () => {
    expect(slotsWithinDay(day, t('2027-03-11T09:00:00'), t('2027-03-11T12:15:00'))).toEqual({ startSlot: 36, endSlot: 49 });
  });

  it('should clip a multi-day trip to the day', () => {
    expect(slotsWithinDay(day, t('2027-03-10T08:00:00'), t('2027-03-13T18:00:00'))).toEqual({ startSlot: 0, endSlot: 96 });
    expect(slotsWithinDay(day, t('2027-03-11T20:00:00'), t('2027-03-12T10:00:00'))).toEqual({ startSlot: 80, endSlot: 96 });
  });
});
