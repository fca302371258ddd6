/**
 * Dates typed into RGO Actions reach the pane as Excel serials (Office.js gives numbers): read
 * them as Excel shows them, across the 1900 leap-year bug (serial 60 is a 29 February 1900 that
 * never was).
 */
import fc from "fast-check";
import { dayOfCell } from "../../src/engine/history/read-actions";
import { daysFromCivil } from "../../src/engine/input/calendar-days";

test("hand-worked serials: 1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01, 45000 = 2023-03-15", () => {
  expect(dayOfCell(1)).toBe(daysFromCivil(1900, 1, 1));
  expect(dayOfCell(59)).toBe(daysFromCivil(1900, 2, 28));
  expect(dayOfCell(61)).toBe(daysFromCivil(1900, 3, 1));
  expect(dayOfCell(45000)).toBe(daysFromCivil(2023, 3, 15));
  expect(dayOfCell(45000.75)).toBe(daysFromCivil(2023, 3, 15));
  expect(dayOfCell(60)).toBeUndefined();
  expect(dayOfCell(0)).toBeUndefined();
  expect(dayOfCell(2958466)).toBeUndefined();
});

test("property: a serial and the Date Excel shows for it give the same day", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2958465 }), (serial) => {
      fc.pre(serial !== 60);
      // Excel's own count: serials up to 59 from 1899-12-31, from 61 from 1899-12-30.
      const shown = new Date(Date.UTC(1899, 11, serial < 60 ? 31 : 30) + serial * 86_400_000);
      expect(dayOfCell(serial)).toBe(dayOfCell(shown));
    }),
    { numRuns: 2000 },
  );
});
