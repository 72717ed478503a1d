import fc from 'fast-check';
import { assignCars, type CarTrip } from './car-assignment';

describe(assignCars.name, () => {
  it('should give each trip the free car whose last trip ended latest when trips arrive by start', () => {
    const trips: CarTrip[] = [
      { start: 0, end: 4 },
      { start: 0, end: 2 },
      { start: 2, end: 6 },
      { start: 5, end: 7 },
    ];
    // (0,2)→car 0, (0,4)→car 1, (2,6)→car 0 (ended at 2), (5,7)→car 1 (ended at 4, the only free one).
    expect(Array.from(assignCars(2, trips).carOf)).toEqual([1, 0, 0, 1]);
  });

  it('should report a failure instead of double-booking when more trips overlap than there are cars', () => {
    const { carOf, failures } = assignCars(1, [
      { start: 0, end: 4 },
      { start: 1, end: 2 },
    ]);
    expect(failures).toBe(1);
    expect(Array.from(carOf)).toEqual([0, -1]);
  });

  it('should never fail and never double-book when trips were admitted by count', () => {
    const tripArb = fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 40 })).map(([s, len]) => ({ start: s, end: s + len }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(tripArb, { maxLength: 60 }), (cars, candidates) => {
        const booked = new Int32Array(140);
        const admitted = candidates.filter((t) => {
          for (let x = t.start; x < t.end; x++) if (booked[x] >= cars) return false;
          for (let x = t.start; x < t.end; x++) booked[x]++;
          return true;
        });
        const { carOf, failures } = assignCars(cars, admitted);
        expect(failures).toBe(0);
        admitted.forEach((a, i) =>
          admitted.forEach((b, j) => {
            if (i < j && carOf[i] === carOf[j]) expect(a.end <= b.start || b.end <= a.start).toBe(true);
          }),
        );
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
