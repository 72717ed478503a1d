import { formatInstantMinutes, parseInstantMinutes } from './time-grid';

describe(parseInstantMinutes.name, () => {
  it.each([
    ['2027-02-01T08:30:00+09:00', '2027-01-31T23:30:00Z'],
    ['2027-01-31T23:30:00.000Z', '2027-01-31T23:30:00Z'],
    ['2027-01-31T23:30Z', '2027-01-31T23:30:00Z'],
    ['2027-01-31t18:30:00-05:00', '2027-01-31T23:30:00Z'],
    ['2028-02-29T00:00:00Z', '2028-02-29T00:00:00Z'],
  ])('should read %s as the instant %s', (text, canonical) => {
    expect(formatInstantMinutes(parseInstantMinutes(text))).toBe(canonical);
  });

  it.each(['2027-02-29T00:00:00Z', '2027-13-01T00:00:00Z', '2027-02-01T24:00:00Z', '2027-02-01 08:30:00Z', '2027-02-01T08:30:30Z', '2027-02-01T08:30:00.5Z', '2027-02-01T08:30:00', '1969-12-31T23:59:00Z'])(
    'should reject %s',
    (text) => {
      expect(parseInstantMinutes(text)).toBeNaN();
    },
  );

  it('should agree with Date for every 97th minute over two centuries', () => {
    for (let m = 0; m < 200 * 525_960; m += 97 * 7919) {
      expect(parseInstantMinutes(new Date(m * 60_000).toISOString())).toBe(m);
    }
  });
});
