/**
 * Property: whatever the user typed in the user columns (any text, numbers, dates, booleans,
 * blanks) and whatever the order of the rows, a merge keeps every user cell of every customer
 * still present exactly, keeps the user's row order, and every previous customer keeps a row. A
 * second property takes the same edits through the CLI's writer and reader (the real round trip).
 */
import fc from "fast-check";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { actionsSheet } from "../../src/engine/history/actions-sheet";
import { type FlaggedNow, mergeActions } from "../../src/engine/history/merge-actions";
import { readPreviousActions } from "../../src/engine/history/read-actions";
import { ACTIONS_HEADER, actionsTable, writeAndRead } from "./actions-helpers";

const IDS = Array.from({ length: 12 }, (_, i) => String(100 + i));
const AS_OF = 20420;

const userCell = (dates: fc.Arbitrary<Date>): fc.Arbitrary<CellValue> =>
  fc.oneof(
    fc.string(),
    fc.constantFrom('=HYPERLINK("x")', "+1", "-", "@a", " lead ", "won't act", "done"),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    dates,
    fc.boolean(),
    fc.constant(null),
  );

const edits = (dates: fc.Arbitrary<Date>) =>
  fc.record({
    order: fc.shuffledSubarray(IDS, { minLength: 0 }),
    gap: fc.array(fc.constantFrom("flagged", "closed"), { minLength: 12, maxLength: 12 }),
    user: fc.array(fc.array(userCell(dates), { minLength: 5, maxLength: 5 }), {
      minLength: 12,
      maxLength: 12,
    }),
    now: fc.subarray(IDS),
  });

type Edits = { order: string[]; gap: string[]; user: CellValue[][]; now: string[] };

function previousTable(e: Edits): RawTable {
  return {
    name: "RGO_Actions",
    origin: "test",
    header: ACTIONS_HEADER,
    headerRow: 1,
    firstColumn: 1,
    rows: e.order.map((id) => {
      const k = IDS.indexOf(id);
      return [
        id,
        "decline",
        null,
        5,
        new Date(Date.UTC(2025, 10, 1)),
        1,
        e.gap[k],
        null,
        10,
        9,
        -1,
        ...e.user[k],
      ];
    }),
  };
}

const flagged = (e: Edits): FlaggedNow[] =>
  e.now.map((id) => ({
    customerId: id,
    gapType: "decline",
    rootCause: null,
    revenueAtRisk: 3,
    weeklySpend: 7,
  }));

const same = (a: CellValue, b: CellValue): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : Object.is(a, b) || a === b;

test("a merge keeps every user cell of every customer still present, in the user's order", () => {
  fc.assert(
    fc.property(edits(fc.date({ noInvalidDate: true })), (e) => {
      const prev = readPreviousActions(previousTable(e));
      const merged = mergeActions({
        previous: prev,
        flagged: flagged(e),
        weeklySpendNow: () => 7,
        asOfDay: AS_OF,
      });
      const sheet = actionsSheet(merged);
      if (sheet.content.kind !== "table") return false;
      const rows = sheet.content.table.rows;
      // The user's rows first, in the user's order.
      expect(rows.slice(0, e.order.length).map((r) => r[0])).toEqual(e.order);
      e.order.forEach((id, i) => {
        const want = e.user[IDS.indexOf(id)];
        rows[i].slice(11, 16).forEach((v, k) => expect(same(v as CellValue, want[k])).toBe(true));
      });
      // Every flagged customer has exactly one row; nothing else was added.
      const ids = rows.map((r) => r[0]);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set([...e.order, ...e.now]));
      return true;
    }),
    { numRuns: 300 },
  );
});

test("the same edits survive the CLI's writer and reader byte for byte", async () => {
  const days = fc.integer({ min: 0, max: 40000 }).map((d) => new Date(d * 86400000));
  const printable = (v: CellValue): boolean => typeof v !== "string" || /^[\x20-\x7e]*$/.test(v);
  await fc.assert(
    fc.asyncProperty(edits(days), async (generated) => {
      fc.pre(generated.user.every((r) => r.every(printable)));
      // A number in the date column is a serial in the file; exceljs writes dates before
      // 1900-03-01 one day off (Excel's 1900 leap-year serials), so serials start at 61 here.
      const e = {
        ...generated,
        user: generated.user.map((r) =>
          r.map((v, k) =>
            k === 3 && typeof v === "number"
              ? 61 + (Math.abs(Math.round(v)) % 2900000)
              : // A cell cannot hold negative zero (the file stores 0, as Excel does when -0 is typed).
                Object.is(v, -0)
                ? 0
                : v,
          ),
        ),
      };
      const merged = mergeActions({
        previous: readPreviousActions(previousTable(e)),
        flagged: flagged(e),
        weeklySpendNow: () => 7,
        asOfDay: AS_OF,
      });
      const back = actionsTable(
        await writeAndRead({ sheets: [actionsSheet(merged)], properties: {} }),
      );
      e.order.forEach((id, i) => {
        const want = e.user[IDS.indexOf(id)].map((v) => (v === "" ? null : v));
        back.rows[i].slice(11, 16).forEach((v, k) => {
          // A number in the date-formatted "Next step date" column is a date serial in the file:
          // the reader gives it back as the Date of that same serial.
          if (k === 3 && typeof want[k] === "number" && v instanceof Date)
            expect(v.getTime() / 86400000 + 25569).toBeCloseTo(want[k] as number, 6);
          else expect([id, k, v]).toEqual([id, k, want[k]]);
        });
      });
    }),
    { numRuns: 25 },
  );
});
