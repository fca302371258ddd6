import fc from "fast-check";
import {
  roundHalfAwayFromZero,
  roundNumpy,
  roundPython,
} from "../../src/engine/rounding/round-rule";

test("Python's round: exact value, ties to even", () => {
  expect(roundPython(0.125, 2)).toBe(0.12);
  expect(roundPython(0.375, 2)).toBe(0.38);
  expect(roundPython(2.675, 2)).toBe(2.67); // the double is 2.67499999...
  expect(roundPython(-2.675, 2)).toBe(-2.67);
  expect(roundPython(1.005, 2)).toBe(1); // 1.00499999...
  expect(roundPython(0.285, 2)).toBe(0.28);
  expect(roundPython(193.30499999999995, 2)).toBe(193.3);
});

test("numpy's round: x*100 in floating point, half to even", () => {
  expect(roundNumpy(0.285, 2)).toBe(0.28);
  expect(roundNumpy(2.675, 2)).toBe(2.68); // 2.675*100 = 267.5 exactly in floating point
  expect(roundNumpy(0.125, 2)).toBe(0.12);
  expect(roundNumpy(1.005, 2)).toBe(1);
  expect(roundNumpy(2.5, 0)).toBe(2);
  expect(roundNumpy(3.5, 0)).toBe(4);
  expect(roundNumpy(-2.675, 2)).toBe(-2.68);
});

test("cents display rule: exact ties away from zero", () => {
  expect(roundHalfAwayFromZero(0.125, 2)).toBe(0.13);
  expect(roundHalfAwayFromZero(-0.125, 2)).toBe(-0.13);
  expect(roundHalfAwayFromZero(2.675, 2)).toBe(2.67);
});

test("property: every rule lands on a 2-dp value within half a cent", () => {
  fc.assert(
    fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
      for (const f of [roundNumpy, roundPython, roundHalfAwayFromZero]) {
        const r = f(x, 2);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Number(r.toFixed(2)) === r).toBe(true);
      }
    }),
  );
});

test("property: Python and half-away agree off exact ties; on means of four cent values they follow their tie rules", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 100000 }), { minLength: 4, maxLength: 4 }),
      (cs) => {
        const sumCents = cs.reduce((a, b) => a + b, 0);
        const mean = cs.reduce((a, c) => a + c / 100, 0) / 4;
        const py = roundPython(mean, 2);
        if (sumCents % 4 !== 2) expect(py).toBe(roundHalfAwayFromZero(mean, 2));
        expect(Math.abs(py * 100 - sumCents / 4)).toBeLessThanOrEqual(0.5 + 1e-6);
      },
    ),
  );
});
