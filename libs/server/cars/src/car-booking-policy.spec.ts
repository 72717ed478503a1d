import { AppError } from '@rr/domain';
import { CarBookingPolicies, FirstComeBookingContext } from './car-booking-policy';

const context: FirstComeBookingContext = {
  bookingId: null,
  carId: 'car',
  poolId: 'pool',
  classCode: 'kei',
  driverId: 'driver',
  bookedBy: 'driver',
  sectionId: 'section',
  startsAt: new Date('2027-03-11T00:00:00Z'),
  endsAt: new Date('2027-03-11T01:00:00Z'),
  now: new Date('2027-03-10T00:00:00Z'),
};

describe(CarBookingPolicies.name, () => {
  describe('checkFirstCome', () => {
    it('should allow everything when no policy is registered', async () => {
      await expect(new CarBookingPolicies().checkFirstCome(context)).resolves.toBeNull();
    });

    it('should answer the first refusal in registration order', async () => {
      const policies = new CarBookingPolicies();
      const calls: string[] = [];
      policies.register({ name: 'open', checkFirstCome: async () => (calls.push('open'), null) });
      policies.register({ name: 'window', checkFirstCome: async () => (calls.push('window'), new AppError('CAR_BOOKING_CLOSED', 'forbidden')) });
      policies.register({ name: 'never-asked', checkFirstCome: async () => (calls.push('never-asked'), null) });
      await expect(policies.checkFirstCome(context)).resolves.toMatchObject({ code: 'CAR_BOOKING_CLOSED' });
      expect(calls).toEqual(['open', 'window']);
      expect(policies.registered).toEqual(['open', 'window', 'never-asked']);
    });

    it('should refuse registering the same policy twice', () => {
      const policies = new CarBookingPolicies();
      policies.register({ name: 'lottery-window', checkFirstCome: async () => null });
      expect(() => policies.register({ name: 'lottery-window', checkFirstCome: async () => null })).toThrow(/already registered/);
    });
  });
});
