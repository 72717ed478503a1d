import { canonicalInputText, computeInputDigest } from './canonical-encoding';
import { EXAMPLE_INPUT } from './lottery.fixtures';
import { permuted, seededRandom } from './lottery.test-helpers';

// The exact text of docs/lottery.md §Test vectors; `sha256sum` of it gives the input digest.
const EXAMPLE_TEXT = [
  'rr-lottery-input/1',
  'round|2027-02-w1',
  'period|2027-01-31T15:00:00Z|2027-02-02T15:00:00Z|15',
  'class|kei',
  'class|van',
  'resource|kei-01|kei',
  'resource|kei-02|kei',
  'resource|van-01|van',
  'downtime|kei-02|2027-02-01T00:00:00Z|2027-02-01T03:00:00Z',
  'booking|prio-1|van-01|u-carol|2027-02-01T23:30:00Z|2027-02-02T08:15:00Z',
  'request|r-a1|u-alice|u-alice|1|kei|2027-02-01T00:00:00Z|2027-02-01T02:00:00Z|kei|2027-02-02T00:00:00Z|2027-02-02T02:00:00Z',
  'request|r-a2|u-alice|u-alice|2|van|2027-02-01T04:00:00Z|2027-02-01T06:00:00Z',
  'request|r-b1|u-bob|u-bob|1|kei|2027-01-31T23:30:00Z|2027-02-01T08:15:00Z|van|2027-01-31T23:30:00Z|2027-02-01T08:15:00Z',
  'request|r-c1|u-carol|u-carol|1|van|2027-02-02T01:00:00Z|2027-02-02T03:00:00Z|kei|2027-02-02T01:00:00Z|2027-02-02T03:00:00Z',
  'request|r-d1|u-dave|u-alice|1|kei|2027-02-01T01:00:00Z|2027-02-01T02:00:00Z',
  '',
].join('\n');

describe(canonicalInputText.name, () => {
  it('should write the documented lines when given the example input', () => {
    expect(canonicalInputText(EXAMPLE_INPUT)).toBe(EXAMPLE_TEXT);
  });

  it('should not change when every list of the input is reordered', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(canonicalInputText(permuted(EXAMPLE_INPUT, seededRandom(seed)))).toBe(EXAMPLE_TEXT);
    }
  });
});

describe(computeInputDigest.name, () => {
  it('should be the SHA-256 of the canonical text when given the example input', () => {
    expect(computeInputDigest(EXAMPLE_INPUT)).toBe('5a4b268dd60cb76118a44352f7ab93c8df6ec1618cdc31ef6b31a0bc21061c63');
  });
});
