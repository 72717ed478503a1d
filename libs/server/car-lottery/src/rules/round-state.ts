import type { LotteryRoundStatus } from '@rr/contracts';

// The round's state machine as a pure function of its persisted state and an instant, so the
// worker's tick, the draw job and the administrators' "advance" button all agree on what is due.
//
//   scheduled ─opensAt→ open ─closesAt→ frozen ─drawAt→ drawn ─(at once)→ confirming
//   confirming ─confirmBy→ first_come ─periodEnd→ closed
//
// Plus one flag step inside `confirming`: the confirmation reminder at reminderAt.

export type RoundStep = 'open' | 'freeze' | 'draw' | 'publish' | 'remind' | 'release' | 'close';

export interface RoundClock {
  status: LotteryRoundStatus;
  opensAt: Date;
  closesAt: Date;
  drawAt: Date;
  confirmBy: Date;
  periodEnd: Date;
  reminderAt: Date | null;
  reminderSentAt: Date | null;
}

/** Status a step moves the round from and to (remind keeps it in `confirming`). */
export const STEP_TRANSITIONS: Record<RoundStep, { from: LotteryRoundStatus; to: LotteryRoundStatus }> = {
  open: { from: 'scheduled', to: 'open' },
  freeze: { from: 'open', to: 'frozen' },
  draw: { from: 'frozen', to: 'drawn' },
  publish: { from: 'drawn', to: 'confirming' },
  remind: { from: 'confirming', to: 'confirming' },
  release: { from: 'confirming', to: 'first_come' },
  close: { from: 'first_come', to: 'closed' },
};

/**
 * The step due at `now`, or null. A round several deadlines behind (the worker was down) gets one
 * step per call; callers loop, each step in its own transaction, so a crash leaves it at a state
 * the next tick resumes from.
 */
export function nextDueStep(r: RoundClock, now: Date): RoundStep | null {
  const t = now.getTime();
  switch (r.status) {
    case 'scheduled':
      return t >= r.opensAt.getTime() ? 'open' : null;
    case 'open':
      return t >= r.closesAt.getTime() ? 'freeze' : null;
    case 'frozen':
      return t >= r.drawAt.getTime() ? 'draw' : null;
    case 'drawn':
      return 'publish';
    case 'confirming':
      if (t >= r.confirmBy.getTime()) return 'release';
      return r.reminderAt && !r.reminderSentAt && t >= r.reminderAt.getTime() ? 'remind' : null;
    case 'first_come':
      return t >= r.periodEnd.getTime() ? 'close' : null;
    case 'closed':
      return null;
  }
}

/** Requests can be made, changed and withdrawn: status open and the clock inside [opensAt, closesAt). */
export function windowIsOpen(r: { status: LotteryRoundStatus; opensAt: Date; closesAt: Date }, now: Date): boolean {
  return r.status === 'open' && now >= r.opensAt && now < r.closesAt;
}

/** Winners may confirm or decline: after the draw, before the deadline. */
export function confirmationIsOpen(r: { status: LotteryRoundStatus; confirmBy: Date }, now: Date): boolean {
  return (r.status === 'drawn' || r.status === 'confirming') && now < r.confirmBy;
}
