/**
 * The spend chart's axes: short money in the run's currency, a round scale that holds every
 * amount, and period labels (hand-worked cases and properties).
 */
import fc from "fast-check";
import { currencyInfo, KNOWN_CURRENCIES } from "../../src/engine/currency";
import {
  compactMoney,
  moneyScale,
  niceCeil,
  periodTick,
  periodTickIndexes,
} from "../../src/taskpane/state/spend-chart-axes";

test("short money: hand-worked", () => {
  expect(compactMoney(1234, "GBP")).toBe("£1.2k");
  expect(compactMoney(0, "USD")).toBe("$0");
  expect(compactMoney(950, "USD")).toBe("$950");
  expect(compactMoney(999.6, "USD")).toBe("$1k");
  expect(compactMoney(3_400_000, "EUR")).toBe("€3.4M");
  expect(compactMoney(-12, "USD")).toBe("-$12");
  expect(compactMoney(-0.2, "USD")).toBe("$0");
  expect(compactMoney(150_000, "JPY")).toBe("¥150k");
  expect(compactMoney(123_456, "CHF")).toBe("CHF 123k");
  expect(compactMoney(2_500_000_000, "USD")).toBe("$2.5bn");
});

/** The amount a short money text stands for. */
function readBack(text: string, prefix: string): number {
  const negative = text.startsWith("-");
  const body = text.slice(negative ? 1 : 0);
  expect(body.startsWith(prefix)).toBe(true);
  const m = /^([\d.]+)(k|M|bn)?$/.exec(body.slice(prefix.length));
  if (m === null) throw new Error(`not short money: ${text}`);
  const unit = m[2] === "k" ? 1e3 : m[2] === "M" ? 1e6 : m[2] === "bn" ? 1e9 : 1;
  return (negative ? -1 : 1) * Number(m[1]) * unit;
}

test("short money reads back within 5% (or 50 cents) in every known currency", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -5e11, max: 5e11, noNaN: true }),
      fc.constantFrom(...KNOWN_CURRENCIES),
      (v, code) => {
        const back = readBack(compactMoney(v, code), currencyInfo(code).prefix);
        expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.max(0.5, Math.abs(v) * 0.05));
      },
    ),
  );
});

test("niceCeil: 1, 2, 2.5 or 5 times a power of ten, at or above x and below 2x", () => {
  expect([0.7, 1, 1.01, 2.2, 3, 7, 186.26, 1000].map(niceCeil)).toEqual([
    1, 1, 2, 2.5, 5, 10, 200, 1000,
  ]);
  fc.assert(
    fc.property(fc.double({ min: 1e-3, max: 1e12, noNaN: true }), (x) => {
      const n = niceCeil(x);
      expect(n).toBeGreaterThanOrEqual(x * (1 - 1e-9));
      expect(n).toBeLessThan(2 * x);
      const mantissa = n / Math.pow(10, Math.floor(Math.log10(n) + 1e-9));
      expect([1, 2, 2.5, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
    }),
  );
});

test("moneyScale holds every amount, starts at 0 unless one is negative, ticks include 0 and the top", () => {
  expect(moneyScale([0, 186.26, 120])).toEqual({ min: 0, max: 200, ticks: [0, 100, 200] });
  expect(moneyScale([])).toEqual({ min: 0, max: 1, ticks: [0, 0.5, 1] });
  expect(moneyScale([-30, 70])).toEqual({ min: -50, max: 100, ticks: [-50, 0, 50, 100] });
  // The smallest subnormal (fast-check found it): the power of ten underflows to 0.
  expect(moneyScale([-5e-324]).min).toBeLessThanOrEqual(-5e-324);
  expect(niceCeil(5e-324)).toBeGreaterThanOrEqual(5e-324);
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { maxLength: 40 }),
      (vs) => {
        const s = moneyScale(vs);
        for (const v of vs) {
          expect(v).toBeLessThanOrEqual(s.max);
          expect(v).toBeGreaterThanOrEqual(s.min);
        }
        expect(s.ticks).toContain(0);
        expect(s.ticks[s.ticks.length - 1]).toBe(s.max);
        expect(s.ticks[0]).toBe(s.min);
      },
    ),
  );
});

test("period labels: week starts and months in words, other calendar labels as written", () => {
  expect(periodTick("2024-03-04")).toBe("4 Mar 2024");
  expect(periodTick("2023-12-31")).toBe("31 Dec 2023");
  expect(periodTick("2024-03")).toBe("Mar 2024");
  expect(periodTick("2024-W10")).toBe("2024-W10");
  expect(periodTick("Week 5")).toBe("Week 5");
  // Every ISO date: the day and year read back, the month's name is the date's.
  fc.assert(
    fc.property(
      fc.date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }),
      (d) => {
        const iso = d.toISOString().slice(0, 10);
        const name = d.toLocaleString("en-GB", { month: "short", timeZone: "UTC" });
        expect(periodTick(iso)).toBe(`${d.getUTCDate()} ${name.slice(0, 3)} ${d.getUTCFullYear()}`);
      },
    ),
  );
});

test("period ticks: first, middle and last bar, each once", () => {
  expect(periodTickIndexes(0)).toEqual([]);
  expect(periodTickIndexes(1)).toEqual([0]);
  expect(periodTickIndexes(2)).toEqual([0, 1]);
  expect(periodTickIndexes(26)).toEqual([0, 12, 25]);
});
