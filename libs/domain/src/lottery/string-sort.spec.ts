import fc from 'fast-check';
import { findDuplicate, groupStrings, sortedPermutation } from './string-sort';

const idChars = 'ABCXYZabcxyz0189._:@+-';
const idArb = fc.string({ unit: fc.constantFrom(...idChars), minLength: 1, maxLength: 20 });

describe(sortedPermutation.name, () => {
  it('should equal a stable comparator sort when given arbitrary ASCII ids, many sharing prefixes', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(idArb, idArb.map((s) => `prefix-000000-${s}`)), { maxLength: 120 }), (ids) => {
        const expected = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : a - b));
        expect(Array.from(sortedPermutation(ids))).toEqual(expected);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('should keep equal strings in index order so equal order keys fall back to user id order', () => {
    const keys = ['ff', 'aa', 'ff', 'aa'];
    expect(Array.from(sortedPermutation(keys))).toEqual([1, 3, 0, 2]);
  });

  it('should fall back to a comparator sort when strings are not ASCII', () => {
    expect(Array.from(sortedPermutation(['é', 'e', 'z']))).toEqual([1, 2, 0]);
  });
});

describe(groupStrings.name, () => {
  it('should rank distinct strings and map every position to its rank', () => {
    const { values, groupOf } = groupStrings(['u2', 'u1', 'u2', 'u10']);
    expect(values).toEqual(['u1', 'u10', 'u2']);
    expect(Array.from(groupOf)).toEqual([2, 0, 2, 1]);
  });
});

describe(findDuplicate.name, () => {
  it('should find the repeated id when one occurs twice, and null otherwise', () => {
    fc.assert(
      fc.property(fc.uniqueArray(idArb, { maxLength: 200 }), fc.nat(), (ids, k) => {
        expect(findDuplicate(ids)).toBeNull();
        if (ids.length > 0) expect(findDuplicate([...ids, ids[k % ids.length]])).toBe(ids[k % ids.length]);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
