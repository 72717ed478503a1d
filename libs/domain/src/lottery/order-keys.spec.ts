import { sha256Hex } from './sha256';
import { commitmentOf, deriveSeed, lotteryOrder, lotteryOrderIndices, orderKey, orderKeys } from './order-keys';

const SEED = 'f45ea766923575f345f1488b0ab321150110de295184a74717a9f7a03b822a56';

describe(orderKey.name, () => {
  // Computed independently: printf '%s' "$SEED|u-bob|1" | sha256sum (docs/lottery.md §Test vectors).
  it.each([
    ['u-alice', 1, '17f6e6a892d0cdfe918fd4c2ce405cce2e04b35fe5e31fe8f9834e4ab881b2c1'],
    ['u-bob', 1, 'e14d2684bbdba52e9236a79d90e594d5a7b4254e19f8cdc09d95e9d64cc17ead'],
    ['u-bob', 3, '3884307555d0b88700aac13c5df04b6b5a4e87ad0cf7e37e5cbc74ce58385935'],
    ['u-carol', 4, '106986ad29a086e88c164e8bc43c312dddb97d6ed5f8558c5be3a3067811f564'],
    ['u-dave', 1, '9ea64e1d69dfd063d000b830e713e519d5efdc5a69f91eb036bc309de1ff655c'],
  ])('should match the test vector when %s holds %i ticket(s)', (userId, tickets, key) => {
    expect(orderKey(SEED, userId, tickets)).toBe(key);
  });
});

describe(lotteryOrder.name, () => {
  it('should sort users by key when given the example ticket table in any order', () => {
    const rows = [
      { userId: 'u-dave', zeroWinStreak: 0, tickets: 1 },
      { userId: 'u-carol', zeroWinStreak: 5, tickets: 4 },
      { userId: 'u-alice', zeroWinStreak: 0, tickets: 1 },
      { userId: 'u-bob', zeroWinStreak: 2, tickets: 3 },
    ];
    expect(lotteryOrder(SEED, rows)).toEqual(['u-carol', 'u-alice', 'u-bob', 'u-dave']);
  });

  it('should put users ahead in proportion to tickets when drawn over many seeds', () => {
    const rows = [1, 2, 3, 4].map((tickets) => ({ userId: `t${tickets}`, zeroWinStreak: tickets - 1, tickets }));
    const first = new Map<string, number>();
    let fourBeforeOne = 0;
    const trials = 4000;
    for (let i = 0; i < trials; i++) {
      const order = lotteryOrder(sha256Hex(`trial-${i}`), rows);
      first.set(order[0], (first.get(order[0]) ?? 0) + 1);
      if (order.indexOf('t4') < order.indexOf('t1')) fourBeforeOne++;
    }
    // Copies in a hat: P(first) = t / Σt = 0.1, 0.2, 0.3, 0.4; P(4 before 1) = 4 / 5. Tolerance ≈ 3.5σ.
    for (const t of [1, 2, 3, 4]) expect(Math.abs((first.get(`t${t}`) ?? 0) / trials - t / 10)).toBeLessThan(0.027);
    expect(Math.abs(fourBeforeOne / trials - 0.8)).toBeLessThan(0.022);
  });
});

describe(orderKeys.name, () => {
  it('should list each user with their key in lottery order', () => {
    const rows = [
      { userId: 'u-bob', zeroWinStreak: 2, tickets: 3 },
      { userId: 'u-carol', zeroWinStreak: 5, tickets: 4 },
    ];
    expect(orderKeys(SEED, rows)).toEqual([
      { userId: 'u-carol', key: '106986ad29a086e88c164e8bc43c312dddb97d6ed5f8558c5be3a3067811f564' },
      { userId: 'u-bob', key: '3884307555d0b88700aac13c5df04b6b5a4e87ad0cf7e37e5cbc74ce58385935' },
    ]);
  });
});

describe(lotteryOrderIndices.name, () => {
  it('should order equal keys by user index (user id order) when two entries hash identically', () => {
    // The same id twice yields the same key: the only way to force the tie path through SHA-256.
    const order = Array.from(lotteryOrderIndices(SEED, ['u-x', 'u-y', 'u-x', 'u-z'], [2, 1, 2, 3]));
    expect(order.indexOf(2)).toBe(order.indexOf(0) + 1);
  });

  it('should agree with a plain sort of the full keys when there are many users', () => {
    const users = Array.from({ length: 5000 }, (_, i) => `user-${i}`);
    const tickets = users.map((_, i) => 1 + (i % 4));
    const keys = users.map((u, i) => orderKey(SEED, u, tickets[i]));
    const expected = users.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
    expect(Array.from(lotteryOrderIndices(SEED, users, tickets))).toEqual(expected);
  });
});

describe(deriveSeed.name, () => {
  it('should hash the six fields joined by | when given the example', () => {
    const seed = deriveSeed({
      algorithm: 'rr-lottery-snake/1',
      roundId: '2027-02-w1',
      inputDigest: '5a4b268dd60cb76118a44352f7ab93c8df6ec1618cdc31ef6b31a0bc21061c63',
      ticketDigest: '81cf552bafeb49867e6c83d64e031fd9823145b3f8d76af99953490def535192',
      secret: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
      externalValue: 'drand quicknet round 1234567: 8f2c…',
    });
    expect(seed).toBe(SEED);
  });
});

describe(commitmentOf.name, () => {
  it('should be the SHA-256 of the secret’s hex text', () => {
    expect(commitmentOf('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f')).toBe(
      '6c86c6aac5fb24bcf5d9939cb7d7d5645ce39418f449e03b262dd4fa14b4b92b',
    );
  });
});
