import { driverEligibility, driverEligibilityForTrip, lastTokyoDateOf, maskLicenceNumber, tokyoDatePlusDays } from './driver-eligibility';

const approved = (licenceExpiresOn: string) => ({ approved: true, licenceExpiresOn });
// 2027-03-10 10:00 Tokyo
const NOW = new Date('2027-03-10T01:00:00Z');

describe('driverEligibility', () => {
  describe('driverEligibility', () => {
    it('should be eligible on the expiry date itself (valid through that Tokyo date)', () => {
      const at = new Date('2027-03-20T14:59:59Z'); // 23:59:59 Tokyo on 03-20
      expect(driverEligibility(approved('2027-03-20'), at, NOW, 30)).toMatchObject({ eligible: true, reasons: [] });
    });

    it('should refuse from 00:00 Tokyo of the day after expiry, although it is still the expiry date in UTC', () => {
      const at = new Date('2027-03-20T15:00:00Z'); // 2027-03-21 00:00 Tokyo
      expect(driverEligibility(approved('2027-03-20'), at, NOW, 30)).toMatchObject({ eligible: false, reasons: ['licence_expired'] });
    });

    it('should list every reason when not approved, inactive and expired', () => {
      const result = driverEligibility({ approved: false, active: false, licenceExpiresOn: '2027-01-01' }, NOW, NOW, 30);
      expect(result.eligible).toBe(false);
      expect(result.reasons).toEqual(['inactive', 'not_approved', 'licence_expired']);
      expect(result.daysUntilExpiry).toBe(-68);
      expect(result.warning).toBeNull();
    });

    it('should answer not_registered without a warning when there is no register entry', () => {
      expect(driverEligibility(null, NOW, NOW, 30)).toEqual({ eligible: false, reasons: ['not_registered'], warning: null, daysUntilExpiry: null });
    });

    it.each([
      ['2027-03-10', 0, 'licence_expiring'],
      ['2027-04-09', 30, 'licence_expiring'],
      ['2027-04-10', 31, null],
      ['2027-03-09', -1, null],
    ])('should warn when the licence expires within 30 days (expiry %s → %i days, %s)', (expiry, days, warning) => {
      const result = driverEligibility(approved(expiry), NOW, NOW, 30);
      expect(result.daysUntilExpiry).toBe(days);
      expect(result.warning).toBe(warning);
    });

    it('should count days from the Tokyo date of now, not the UTC date', () => {
      const lateEvening = new Date('2027-03-10T15:30:00Z'); // 2027-03-11 00:30 Tokyo
      expect(driverEligibility(approved('2027-03-11'), lateEvening, lateEvening, 30).daysUntilExpiry).toBe(0);
    });
  });

  describe('driverEligibilityForTrip', () => {
    it("should require the licence to be valid on the trip's last Tokyo date", () => {
      const trip = { endsAt: new Date('2027-03-21T09:00:00Z') }; // ends 03-21 18:00 Tokyo
      expect(driverEligibilityForTrip(approved('2027-03-20'), trip, NOW, 30).eligible).toBe(false);
      expect(driverEligibilityForTrip(approved('2027-03-21'), trip, NOW, 30).eligible).toBe(true);
    });

    it('should treat a trip ending at 00:00 Tokyo as ending on the previous date', () => {
      const trip = { endsAt: new Date('2027-03-20T15:00:00Z') }; // 03-21 00:00 Tokyo
      expect(lastTokyoDateOf(trip.endsAt)).toBe('2027-03-20');
      expect(driverEligibilityForTrip(approved('2027-03-20'), trip, NOW, 30).eligible).toBe(true);
    });
  });

  describe('helpers', () => {
    it('should mask all but the last four digits of a licence number', () => {
      expect(maskLicenceNumber('123456789012')).toBe('********9012');
      expect(maskLicenceNumber(null)).toBeNull();
    });

    it('should add days to the Tokyo date', () => {
      expect(tokyoDatePlusDays(new Date('2027-03-10T15:30:00Z'), 30)).toBe('2027-04-10');
    });
  });
});
