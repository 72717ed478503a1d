import type { ClosedDayEntity } from '@rr/server/persistence';
import { BusinessCalendarService } from './business-calendar.service';
import type { ClosedDaysRepository } from './closed-days.repository';

function fakeRepo(initial: Array<Pick<ClosedDayEntity, 'date' | 'reason'>>) {
  const state = { rows: initial, loads: 0, gate: undefined as Promise<void> | undefined };
  const repo = {
    listAll: jest.fn(async () => {
      state.loads++;
      const snapshot = [...state.rows];
      if (state.gate) await state.gate;
      return snapshot as ClosedDayEntity[];
    }),
  };
  return { state, repo: repo as unknown as ClosedDaysRepository };
}

describe(BusinessCalendarService.name, () => {
  let now: number;
  beforeEach(() => {
    now = Date.parse('2026-06-01T00:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  describe('calendar', () => {
    it('should include the extra closed days from the table', async () => {
      const { repo } = fakeRepo([{ date: '2026-06-10', reason: '電気設備点検' }]);
      const calendar = await new BusinessCalendarService(repo).calendar();
      expect(calendar.closedReason('2026-06-10')).toEqual({ code: 'extra', name: '電気設備点検' });
      expect(calendar.isBusinessDay('2026-06-11')).toBe(true);
    });

    it('should load once for concurrent callers and reuse the result until the TTL passes', async () => {
      const { state, repo } = fakeRepo([]);
      const service = new BusinessCalendarService(repo);
      const [a, b] = await Promise.all([service.calendar(), service.calendar()]);
      expect(a).toBe(b);
      expect(state.loads).toBe(1);
      now += BusinessCalendarService.TTL_MS - 1;
      expect(await service.calendar()).toBe(a);
      expect(state.loads).toBe(1);
      now += 1;
      expect(await service.calendar()).not.toBe(a);
      expect(state.loads).toBe(2);
    });

    it('should reload after invalidate()', async () => {
      const { state, repo } = fakeRepo([]);
      const service = new BusinessCalendarService(repo);
      expect((await service.calendar()).isBusinessDay('2026-06-10')).toBe(true);
      state.rows = [{ date: '2026-06-10', reason: '臨時' }];
      expect((await service.calendar()).isBusinessDay('2026-06-10')).toBe(true);
      service.invalidate();
      expect((await service.calendar()).isBusinessDay('2026-06-10')).toBe(false);
    });

    it('should not cache what a load read before an invalidation that happened during it', async () => {
      const { state, repo } = fakeRepo([]);
      const service = new BusinessCalendarService(repo);
      let release!: () => void;
      state.gate = new Promise((r) => (release = r));
      const stale = service.calendar();
      await Promise.resolve();
      state.rows = [{ date: '2026-06-10', reason: '臨時' }];
      service.invalidate();
      state.gate = undefined;
      const fresh = await service.calendar();
      release();
      expect((await stale).isBusinessDay('2026-06-10')).toBe(true);
      expect(fresh.isBusinessDay('2026-06-10')).toBe(false);
      expect((await service.calendar()).isBusinessDay('2026-06-10')).toBe(false);
    });

    it('should show a blank stored reason as 臨時閉庁日 rather than fail', async () => {
      const { repo } = fakeRepo([{ date: '2026-06-10', reason: '  ' }]);
      const calendar = await new BusinessCalendarService(repo).calendar();
      expect(calendar.closedReason('2026-06-10')).toEqual({ code: 'extra', name: '臨時閉庁日' });
    });
  });
});
