/** The fake behaves like Excel where the adapter tests rely on it. */
import fc from "fast-check";
import { FakeExcel, boxAddress, colName, parseA1 } from "../support/fake-excel";
import { a1, parseAddressStart } from "../../src/workbook/excel";

test("properties are readable only after load + sync", async () => {
  const x = new FakeExcel(["S"]);
  x.put("S", 0, 0, [[1, "a"]]);
  const ctx = x.context();
  const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
  expect(() => r.values).toThrow(/not available/);
  r.load("values");
  expect(() => r.values).toThrow(/not available/);
  await ctx.sync();
  expect(r.values).toEqual([[1, "a"]]);
});

test("A1 addressing: columns A, Z, AA, XFD; 0-based inside, 1-based outside", () => {
  expect([0, 25, 26, 701, 702, 16383].map(colName)).toEqual(["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
  expect(parseA1("Sheet 1!B3:D9")).toEqual({ top: 2, left: 1, rows: 7, cols: 3 });
  fc.assert(
    fc.property(fc.nat(1_048_575), fc.nat(16383), fc.nat(50), fc.nat(50), (top, left, h, w) => {
      const box = { top, left, rows: h + 1, cols: w + 1 };
      expect(parseA1(boxAddress(box))).toEqual(box);
      // The adapter's own A1 helpers agree with the fake's.
      const range = { top, left, bottom: top + h, right: left + w };
      expect(a1(range)).toBe(boxAddress(box));
      expect(parseAddressStart(`'RGO Gaps'!${a1(range)}`)).toEqual({ row: top, col: left });
    }),
  );
});

test("a request over the payload limit is rejected whole: nothing applied", async () => {
  const x = new FakeExcel(["S"]);
  x.requestLimit = 1000;
  const ctx = x.context();
  const ws = ctx.workbook.worksheets.getItem("S");
  ws.getRange("A1").values = [["small"]];
  ws.getRange("A2:A200").values = Array.from({ length: 199 }, () => ["a long-ish string"]);
  await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  expect(x.sheet("S").cells.size).toBe(0);
});

test("a 1x1 array broadcasts; other mismatched shapes are refused", async () => {
  const x = new FakeExcel(["S"]);
  const ctx = x.context();
  const ws = ctx.workbook.worksheets.getItem("S");
  ws.getRange("A1:B3").numberFormat = [["0.00"]];
  await ctx.sync();
  expect(x.sheet("S").cell(2, 1)?.format).toBe("0.00");
  ws.getRange("A1:B3").values = [[1, 2]];
  await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
});

test("a read over 5,000,000 cells is refused", async () => {
  const x = new FakeExcel(["S"]);
  const ctx = x.context();
  ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1_048_576, 5).load("values");
  await expect(ctx.sync()).rejects.toMatchObject({ code: "ResourceLimitReached" });
});
