import { createHash } from 'node:crypto';
import { fallbackExternalValue } from './external-value';
import { confirmationIsOpen, nextDueStep, RoundClock, windowIsOpen } from './round-state';

const at = (iso: string) => new Date(iso);
const round = (overrides: Partial<RoundClock> = {}): RoundClock => ({
  status: 'scheduled',
  opensAt: at('2026-06-07T23:30:00Z'),
  closesAt: at('2026-06-10T08:15:00Z'),
  drawAt: at('2026-06-11T00:00:00Z'),
  confirmBy: at('2026-06-12T08:15:00Z'),
  periodEnd: at('2026-06-28T15:00:00Z'),
  reminderAt: at('2026-06-12T00:15:00Z'),
  reminderSentAt: null,
  ...overrides,
});

describe(nextDueStep.name, () => {
  it.each([
    ['scheduled before opening', round(), '2026-06-07T23:29:00Z', null],
    ['scheduled at opening', round(), '2026-06-07T23:30:00Z', 'open'],
    ['open before the close', round({ status: 'open' }), '2026-06-10T08:14:59Z', null],
    ['open at the close', round({ status: 'open' }), '2026-06-10T08:15:00Z', 'freeze'],
    ['frozen before the draw', round({ status: 'frozen' }), '2026-06-10T23:59:00Z', null],
    ['frozen at the draw', round({ status: 'frozen' }), '2026-06-11T00:00:00Z', 'draw'],
    ['drawn (publish at once)', round({ status: 'drawn' }), '2026-06-11T00:00:01Z', 'publish'],
    ['confirming before the reminder', round({ status: 'confirming' }), '2026-06-11T10:00:00Z', null],
    ['confirming at the reminder', round({ status: 'confirming' }), '2026-06-12T00:15:00Z', 'remind'],
    ['confirming, reminder sent', round({ status: 'confirming', reminderSentAt: at('2026-06-12T00:15:00Z') }), '2026-06-12T01:00:00Z', null],
    ['confirming at the deadline (release wins over remind)', round({ status: 'confirming' }), '2026-06-12T08:15:00Z', 'release'],
    ['first_come during the period', round({ status: 'first_come' }), '2026-06-20T00:00:00Z', null],
    ['first_come after the period', round({ status: 'first_come' }), '2026-06-28T15:00:00Z', 'close'],
    ['closed', round({ status: 'closed' }), '2030-01-01T00:00:00Z', null],
  ])('should answer %s', (_label, r, now, step) => {
    expect(nextDueStep(r, at(now))).toBe(step);
  });

  it('should recover a round stuck days behind one step at a time, in order', () => {
    let r = round();
    const now = at('2026-06-30T00:00:00Z');
    const seen: string[] = [];
    const next = { open: 'open', freeze: 'frozen', draw: 'drawn', publish: 'confirming', release: 'first_come', close: 'closed' } as const;
    for (let step = nextDueStep(r, now); step; step = nextDueStep(r, now)) {
      seen.push(step);
      r = step === 'remind' ? { ...r, reminderSentAt: now } : { ...r, status: next[step] };
    }
    expect(seen).toEqual(['open', 'freeze', 'draw', 'publish', 'release', 'close']);
  });
});

describe(windowIsOpen.name, () => {
  it('should be open only when the status is open and the clock inside [opensAt, closesAt)', () => {
    expect(windowIsOpen(round({ status: 'open' }), at('2026-06-09T00:00:00Z'))).toBe(true);
    expect(windowIsOpen(round({ status: 'open' }), at('2026-06-10T08:15:00Z'))).toBe(false);
    expect(windowIsOpen(round({ status: 'scheduled' }), at('2026-06-09T00:00:00Z'))).toBe(false);
    expect(windowIsOpen(round({ status: 'frozen' }), at('2026-06-09T00:00:00Z'))).toBe(false);
  });
});

describe(confirmationIsOpen.name, () => {
  it('should allow confirming after the draw and before the deadline only', () => {
    expect(confirmationIsOpen(round({ status: 'confirming' }), at('2026-06-12T08:14:00Z'))).toBe(true);
    expect(confirmationIsOpen(round({ status: 'drawn' }), at('2026-06-11T01:00:00Z'))).toBe(true);
    expect(confirmationIsOpen(round({ status: 'confirming' }), at('2026-06-12T08:15:00Z'))).toBe(false);
    expect(confirmationIsOpen(round({ status: 'frozen' }), at('2026-06-10T09:00:00Z'))).toBe(false);
  });
});

describe(fallbackExternalValue.name, () => {
  it('should hash the previous round’s result digest and name its origin (printf %s <digest> | sha256sum)', () => {
    const digest = 'cf67a5e2625e1b58085926a73be685b17cb8489fc053d1d2661155266f4733c5';
    const hash = createHash('sha256').update(digest).digest('hex');
    expect(fallbackExternalValue('r-2', { roundId: 'r-1', resultDigest: digest })).toBe(`fallback:sha256(previous-result-digest)=${hash};previous-round=r-1`);
  });

  it('should say so when the pool has no earlier round', () => {
    expect(fallbackExternalValue('r-1', null)).toBe('fallback:no-previous-round;round=r-1');
  });
});
