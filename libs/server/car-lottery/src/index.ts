// Car lottery rounds (抽選): rounds per pool and period, requests, the verifiable draw, confirmation,
// the waitlist pass and the first-come policy. See docs/adr/0010-lottery-rounds.md.
export { CarLotteryCoreModule, CarLotteryModule } from './car-lottery.module';
export { RoundMachine, DRAW_RECOVERY_MS, type AdvanceOutcome, type TickOutcome } from './round-machine.service';
export { CAR_LOTTERY_CLOCK } from './car-lottery.clock';
export { LotteryFirstComePolicy } from './first-come.policy';
export { computeRoundSchedule, extendForLateDraw, DEFAULT_CYCLE, type CycleSettings, type RoundSchedule } from './rules/round-schedule';
export { nextDueStep, type RoundStep } from './rules/round-state';
export { fallbackExternalValue } from './rules/external-value';
export { LotteryStreaksService } from './streaks.service';
