import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BusinessCalendar } from './business-calendar';

// The calendar must answer the same whatever zone the server runs in (TOOLCHAIN.md: the holiday
// library's isHoliday(Date) reads the process zone).
//
// Why a child process: inside a Jest test, `process.env` is a sandbox copy, so assigning
// process.env.TZ changes nothing (tried: Date#getHours kept answering in UTC). Plain Node does
// re-read TZ on assignment, so a small `node` probe loads the real sources (transpiled with the
// @swc/core that Jest already uses) and switches the process zone for real between cases.
const ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Tokyo'] as const;

const PROBE = `
const fs = require('fs');
const swc = require('@swc/core');
require.extensions['.ts'] = (m, filename) => m._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), {
  filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
}).code, filename);
const { BusinessCalendar } = require(${JSON.stringify(join(__dirname, 'business-calendar.ts'))});
const { formatWareki } = require(${JSON.stringify(join(__dirname, 'wareki.ts'))});
const holidayJp = require('@holiday-jp/holiday_jp');
const calendar = new BusinessCalendar();
const newYear0030Jst = new Date('2026-01-01T00:30:00+09:00');
const out = {};
for (const zone of ${JSON.stringify(ZONES)}) {
  process.env.TZ = zone;
  out[zone] = {
    localDayOfMonth: newYear0030Jst.getDate(),
    libraryIsHolidayGivenDate: holidayJp.isHoliday(newYear0030Jst),
    isHoliday: calendar.isHoliday(newYear0030Jst),
    holidayName: calendar.holidayName(newYear0030Jst),
    closedReasonLastMinuteOf2025: calendar.closedReason(new Date('2025-12-31T23:59:00+09:00')),
    isBusinessDayLosAngelesMorning: calendar.isBusinessDay(new Date('2026-05-06T09:00:00-07:00')),
    nextBusinessDay: calendar.nextBusinessDay(newYear0030Jst),
    deadlineBefore: calendar.deadlineBefore('2027-01-04', { businessDays: 1, time: '17:00' }).toISOString(),
    shiftToBusinessDay: calendar.shiftToBusinessDay(newYear0030Jst).toISOString(),
    formatWareki: formatWareki(newYear0030Jst),
  };
}
process.stdout.write(JSON.stringify(out));
`;

type ProbeResult = Record<string, unknown>;

describe(BusinessCalendar.name, () => {
  const calendar = new BusinessCalendar();
  let byZone: Record<(typeof ZONES)[number], ProbeResult>;

  beforeAll(() => {
    const rootDir = join(__dirname, '../../../..');
    // Start in Los Angeles so the modules are also loaded under a non-Tokyo zone.
    const stdout = execFileSync(process.execPath, ['-e', PROBE], {
      cwd: rootDir,
      env: { ...process.env, TZ: 'America/Los_Angeles' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    byZone = JSON.parse(stdout);
  });

  describe('process time zone', () => {
    it('should really run each case under its zone, and show the library trap, when the probe switches TZ', () => {
      // 2026-01-01 00:30 JST is still the 31st in UTC and Los Angeles.
      expect(ZONES.map((z) => byZone[z].localDayOfMonth)).toEqual([31, 31, 1, 1]);
      expect(byZone.UTC.libraryIsHolidayGivenDate).toBe(false);
      expect(byZone['America/Los_Angeles'].libraryIsHolidayGivenDate).toBe(false);
      expect(byZone['Asia/Tokyo'].libraryIsHolidayGivenDate).toBe(true);
    });
  });

  describe.each(ZONES)('when the process TZ is %s', (zone) => {
    describe('isHoliday', () => {
      it('should see 2026-01-01T00:30+09:00 as 元日 even when it is 12/31 on the server clock', () => {
        expect(byZone[zone].isHoliday).toBe(true);
        expect(byZone[zone].holidayName).toBe('元日');
      });
    });

    describe('closedReason', () => {
      it('should see 2025-12-31T23:59+09:00 as 年末年始, not a holiday', () => {
        expect(byZone[zone].closedReasonLastMinuteOf2025).toEqual({ code: 'year_end', name: '年末年始' });
      });
    });

    describe('isBusinessDay', () => {
      it('should use the Tokyo date when the instant is 振替休日 morning in Los Angeles but 5/7 in Tokyo', () => {
        expect(byZone[zone].isBusinessDayLosAngelesMorning).toBe(true);
      });
    });

    describe('nextBusinessDay', () => {
      it('should give 2026-01-05 when starting from 元日 00:30 JST', () => {
        expect(byZone[zone].nextBusinessDay).toBe('2026-01-05');
      });
    });

    describe('deadlineBefore', () => {
      it('should give 2026-12-28T08:00Z when the target is 2027-01-04', () => {
        expect(byZone[zone].deadlineBefore).toBe('2026-12-28T08:00:00.000Z');
      });
    });

    describe('shiftToBusinessDay', () => {
      it('should move a 元日 00:30 JST event to 2026-01-05 00:30 JST', () => {
        expect(byZone[zone].shiftToBusinessDay).toBe('2026-01-04T15:30:00.000Z');
      });
    });

    describe('formatWareki', () => {
      it('should print the Tokyo date', () => {
        expect(byZone[zone].formatWareki).toBe('令和8年1月1日(木)');
      });
    });
  });

  // The same facts in this process (whatever TZ Jest runs under), with instants written in other
  // zones' offsets: what the calendar reads is the instant, never the server's wall clock.
  describe('isHoliday', () => {
    it('should be true when the instant is 2025-12-31 15:30 UTC, i.e. 元日 00:30 in Tokyo', () => {
      expect(calendar.isHoliday(new Date('2025-12-31T15:30:00Z'))).toBe(true);
    });

    it('should be true when the instant is 2025-12-31 07:30 in Los Angeles, i.e. 元日 00:30 in Tokyo', () => {
      expect(calendar.isHoliday(new Date('2025-12-31T07:30:00-08:00'))).toBe(true);
    });

    it('should be false when the instant is 元日 in UTC but already 1/2 in Tokyo', () => {
      // 2026-01-01T18:00Z = 2026-01-02 03:00 JST: closed for 年末年始, but not a national holiday.
      expect(calendar.isHoliday(new Date('2026-01-01T18:00:00Z'))).toBe(false);
      expect(calendar.isYearEndClosure(new Date('2026-01-01T18:00:00Z'))).toBe(true);
    });
  });
});
