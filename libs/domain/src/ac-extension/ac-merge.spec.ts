import { BusinessCalendar } from '../calendar/business-calendar';
import { AcApprovedRequest, mergeAcOperations, splitLargestRemainder } from './ac-merge';
import { estimateAcCost } from './ac-cost';
import { defaultAcZone } from './ac-zones';
import { requestInput, SATURDAY, WEDNESDAY, ZONES } from './ac-extension.test-helpers';

function approved(id: string, sectionId: string, start: string, end: string, zoneIds = ['5F'], dates = [WEDNESDAY]): AcApprovedRequest {
  return { id, sectionId, dates, zoneIds, time: { start, end } };
}

describe('mergeAcOperations', () => {
  const calendar = new BusinessCalendar();

  it('should merge a partial overlap into the union and split 1.75 : 2 h (the issue example)', () => {
    const plan = mergeAcOperations([approved('r1', 'kikaku', '17:15', '19:00'), approved('r2', 'zaisei', '18:00', '20:00')], ZONES, calendar);
    expect(plan.instructions).toEqual([
      {
        date: WEDNESDAY,
        zoneId: '5F',
        start: '17:15',
        end: '20:00',
        minutes: 165,
        yenPerHour: 30_000,
        yen: 82_500,
        shares: [
          { sectionId: 'kikaku', minutes: 105, yen: 38_500, requestIds: ['r1'] },
          { sectionId: 'zaisei', minutes: 120, yen: 44_000, requestIds: ['r2'] },
        ],
      },
    ]);
    expect(plan.totalYen).toBe(82_500);
    expect(plan.sectionTotals).toEqual([
      { sectionId: 'kikaku', minutes: 105, yen: 38_500 },
      { sectionId: 'zaisei', minutes: 120, yen: 44_000 },
    ]);
  });

  it('should join ranges that only touch into one instruction', () => {
    const plan = mergeAcOperations([approved('r1', 'a', '17:15', '18:00'), approved('r2', 'b', '18:00', '19:00')], ZONES, calendar);
    expect(plan.instructions.map((i) => [i.start, i.end, i.yen])).toEqual([['17:15', '19:00', 52_500]]);
    expect(plan.instructions[0].shares.map((s) => s.yen)).toEqual([22_500, 30_000]);
  });

  it('should keep separate instructions when there is a gap', () => {
    const plan = mergeAcOperations([approved('r1', 'a', '17:15', '18:00'), approved('r2', 'b', '18:30', '19:00')], ZONES, calendar);
    expect(plan.instructions.map((i) => [i.start, i.end, i.yen])).toEqual([
      ['17:15', '18:00', 22_500],
      ['18:30', '19:00', 15_000],
    ]);
    expect(plan.instructions.map((i) => i.shares.map((s) => s.sectionId))).toEqual([['a'], ['b']]);
  });

  it('should never merge across zones or dates', () => {
    const plan = mergeAcOperations(
      [approved('r1', 'a', '17:15', '19:00', ['5F']), approved('r2', 'b', '18:00', '20:00', ['6F']), approved('r3', 'c', '18:00', '20:00', ['5F'], ['2026-06-11'])],
      ZONES,
      calendar,
    );
    expect(plan.instructions.map((i) => `${i.date} ${i.zoneId} ${i.start}-${i.end}`)).toEqual([
      '2026-06-10 5F 17:15-19:00',
      '2026-06-10 6F 18:00-20:00',
      '2026-06-11 5F 18:00-20:00',
    ]);
    expect(plan.totalYen).toBe(52_500 + 60_000 + 60_000);
  });

  it('should split one multi-zone request per zone and merge each zone with its own neighbours', () => {
    const plan = mergeAcOperations([approved('r1', 'a', '17:30', '19:00', ['5F', '6F']), approved('r2', 'b', '18:30', '20:00', ['6F'])], ZONES, calendar);
    expect(plan.instructions.map((i) => [i.zoneId, i.start, i.end, i.shares.map((s) => `${s.sectionId}:${s.yen}`)])).toEqual([
      ['5F', '17:30', '19:00', ['a:45000']],
      ['6F', '17:30', '20:00', ['a:37500', 'b:37500']],
    ]);
  });

  it('should split among three sections with the largest-remainder method so the parts sum to the total', () => {
    // 17:30–18:30 (60), 18:00–19:00 (60), 18:00–20:00 (120): block 17:30–20:00 = ¥75,000 split 60:60:120.
    const plan = mergeAcOperations(
      [approved('r1', 'a', '17:30', '18:30'), approved('r2', 'b', '18:00', '19:00'), approved('r3', 'c', '18:00', '20:00')],
      ZONES,
      calendar,
    );
    const [block] = plan.instructions;
    expect([block.start, block.end, block.yen]).toEqual(['17:30', '20:00', 75_000]);
    expect(block.shares.map((s) => s.yen)).toEqual([18_750, 18_750, 37_500]);
  });

  it('should give the leftover yen to the largest remainders when the split is not exact', () => {
    // Rate ¥10,000/h, block 18:00–19:00 = ¥10,000 split 1:1:1 → 3,333.33… each; one yen left over.
    const zone = defaultAcZone('5F', '5階', [{ validFrom: '2020-01-01', yenPerHour: 10_000 }]);
    const plan = mergeAcOperations([approved('r1', 'a', '18:00', '19:00'), approved('r2', 'b', '18:00', '19:00'), approved('r3', 'c', '18:00', '19:00')], [zone], calendar);
    const yen = plan.instructions[0].shares.map((s) => s.yen);
    expect(yen).toEqual([3_334, 3_333, 3_333]);
    expect(yen.reduce((s, y) => s + y, 0)).toBe(10_000);
  });

  it('should count a section once when its own requests overlap', () => {
    const plan = mergeAcOperations([approved('r1', 'a', '17:30', '19:00'), approved('r2', 'a', '18:00', '19:00'), approved('r3', 'b', '18:00', '19:00')], ZONES, calendar);
    expect(plan.instructions[0].shares).toEqual([
      { sectionId: 'a', minutes: 90, yen: 27_000, requestIds: ['r1', 'r2'] },
      { sectionId: 'b', minutes: 60, yen: 18_000, requestIds: ['r3'] },
    ]);
  });

  it('should cut normal hours out and run a closed day as requested', () => {
    const plan = mergeAcOperations(
      [approved('r1', 'a', '16:00', '18:00'), approved('r2', 'b', '13:00', '15:00', ['5F'], [SATURDAY]), approved('r3', 'c', '14:00', '16:00', ['5F'], [SATURDAY])],
      ZONES,
      calendar,
    );
    expect(plan.instructions.map((i) => `${i.date} ${i.start}-${i.end} ${i.yen}`)).toEqual(['2026-06-10 17:15-18:00 22500', '2026-06-13 13:00-16:00 90000']);
  });

  it('should never charge a section more than its own estimate and always sum exactly, over many combinations', () => {
    const times = ['17:15', '17:30', '18:00', '18:30', '19:00', '19:30', '20:00', '21:00'];
    const zone = defaultAcZone('5F', '5階', [{ validFrom: '2020-01-01', yenPerHour: 27_777 }]);
    let checked = 0;
    for (let i = 0; i < times.length; i++) {
      for (let j = i + 1; j < times.length; j++) {
        for (let k = 0; k < times.length; k++) {
          for (let l = k + 1; l < times.length; l++) {
            const requests = [approved('r1', 'a', times[i], times[j]), approved('r2', 'b', times[k], times[l]), approved('r3', 'c', '18:00', '19:00')];
            const plan = mergeAcOperations(requests, [zone], calendar);
            for (const instruction of plan.instructions) {
              expect(instruction.shares.reduce((s, x) => s + x.yen, 0)).toBe(instruction.yen);
            }
            expect(plan.sectionTotals.reduce((s, t) => s + t.yen, 0)).toBe(plan.totalYen);
            for (const total of plan.sectionTotals) {
              const own = requests.find((r) => r.sectionId === total.sectionId) as AcApprovedRequest;
              const alone = estimateAcCost(requestInput({ zoneIds: own.zoneIds, time: own.time }), [zone], calendar).totalYen;
              expect(total.yen).toBeLessThanOrEqual(alone + 1);
            }
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(28 * 28);
  });

  it('should return an empty plan when nothing is approved', () => {
    expect(mergeAcOperations([], ZONES, calendar)).toEqual({ instructions: [], sectionTotals: [], totalYen: 0 });
  });
});

describe('splitLargestRemainder', () => {
  it('should break equal remainders by position', () => {
    expect(splitLargestRemainder(5, [1, 1, 1, 1])).toEqual([2, 1, 1, 1]);
  });

  it('should give zero to a zero weight', () => {
    expect(splitLargestRemainder(100, [0, 1, 3])).toEqual([0, 25, 75]);
  });

  it('should throw AC_INVALID_SETTING when all weights are zero', () => {
    expect(() => splitLargestRemainder(100, [0, 0])).toThrow('AC_INVALID_SETTING');
  });
});
