import { bestFitOrder, CarCandidate, reassignmentOrder } from './car-choice';

const at = (hhmm: string) => new Date(`2027-03-11T${hhmm}:00+09:00`);
const car = (carId: string, plateNumber: string, lastEnd: string | null): CarCandidate => ({
  carId,
  plateNumber,
  lastEndBefore: lastEnd ? at(lastEnd) : null,
});

describe('car choice', () => {
  const candidates = [
    car('c1', '北九州 480 あ 10-01', null),
    car('c2', '北九州 480 あ 10-02', '09:00'),
    car('c3', '北九州 480 あ 10-03', '11:00'),
    car('c4', '北九州 480 あ 10-04', null),
    car('c5', '北九州 480 あ 10-05', '11:00'),
  ];

  describe('bestFitOrder', () => {
    it('should try the car whose previous booking ends latest first, never-booked cars last, plate order on ties', () => {
      expect(bestFitOrder(candidates).map((c) => c.carId)).toEqual(['c3', 'c5', 'c2', 'c1', 'c4']);
    });

    it('should not depend on the input order', () => {
      const reversed = [...candidates].reverse();
      expect(bestFitOrder(reversed)).toEqual(bestFitOrder(candidates));
    });

    it('should not change the input array', () => {
      const copy = [...candidates];
      bestFitOrder(candidates);
      expect(candidates).toEqual(copy);
    });
  });

  describe('reassignmentOrder', () => {
    it('should try the earliest-ending (longest idle) car first, never-booked cars first, plate order on ties', () => {
      expect(reassignmentOrder(candidates).map((c) => c.carId)).toEqual(['c1', 'c4', 'c2', 'c3', 'c5']);
    });

    it('should break a full tie by car id when plates are equal', () => {
      const twins = [car('b', 'X', null), car('a', 'X', null)];
      expect(reassignmentOrder(twins).map((c) => c.carId)).toEqual(['a', 'b']);
      expect(bestFitOrder(twins).map((c) => c.carId)).toEqual(['a', 'b']);
    });
  });
});
