/**
 * Currencies (issue 11): the money text and Excel formats per ISO code, reading the currency an
 * Excel number format or a money text names, and detection over a table's money columns (one
 * currency; two are an error naming sheet, column and both codes).
 */
import fc from "fast-check";
import {
  currencyInfo,
  currencyNumberFormat,
  currencyOfMoneyText,
  currencyOfNumberFormat,
  formatCurrency,
  normalizeCurrencyCode,
} from "../../src/engine/currency";
import { RgoError } from "../../src/engine/errors";
import { detectCurrency } from "../../src/engine/input/detect-currency";
import { mapColumns } from "../../src/engine/input/header-map";
import { IssueCollector } from "../../src/engine/input/issue-collector";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import { formatMoney } from "../../src/rules/format-value";

describe("money text", () => {
  test("hand-worked values", () => {
    expect(formatCurrency(1234.5, "GBP")).toBe("£1,234.50");
    expect(formatCurrency(-12, "EUR")).toBe("-€12.00");
    expect(formatCurrency(1234.5, "JPY")).toBe("¥1,235"); // no decimals
    expect(formatCurrency(1234, "CHF")).toBe("CHF 1,234.00");
    expect(formatCurrency(1234, "XYZ")).toBe("XYZ 1,234.00"); // unknown code: code as prefix
    expect(formatCurrency(-0.004, "GBP")).toBe("£0.00"); // rounds to zero: no minus
    expect(formatCurrency(1234567.891, "USD")).toBe("$1,234,567.89");
  });

  test("USD text is exactly the rules layer's $ text (the why text stays as it was)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(formatCurrency(cents / 100, "USD")).toBe(formatMoney(cents / 100));
      }),
    );
  });

  /** Independent parse of the formatter's text: strip the prefix and ",", read the number. */
  const parseBack = (text: string, code: string): number => {
    const { prefix } = currencyInfo(code);
    const negative = text.startsWith("-");
    const body = negative ? text.slice(1) : text;
    expect(body.startsWith(prefix)).toBe(true);
    const digits = body.slice(prefix.length).replace(/,/g, "");
    expect(digits).toMatch(/^\d+(\.\d+)?$/);
    const [int, frac = ""] = digits.split(".");
    const cents = Number(int) * 100 + Number((frac + "00").slice(0, 2));
    return negative ? -cents : cents;
  };

  test("formatting then parsing back gives the same cents (JPY: whole yen)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.constantFrom("USD", "GBP", "EUR", "CHF", "BRL", "XYZ", "JPY"),
        (cents, code) => {
          const text = formatCurrency(cents / 100, code);
          const back = parseBack(text, code);
          if (code === "JPY") {
            // Whole yen, within half a yen of the amount.
            expect(Math.abs(back % 100)).toBe(0);
            expect(Math.abs(back - cents)).toBeLessThanOrEqual(50);
          } else {
            expect(back).toBe(cents);
          }
        },
      ),
    );
  });
});

describe("Excel formats", () => {
  test("USD keeps RGO's format; others quote their prefix; JPY has no decimals", () => {
    expect(currencyNumberFormat("USD")).toBe("$#,##0.00;[Red]-$#,##0.00");
    expect(currencyNumberFormat("GBP")).toBe('"£"#,##0.00;[Red]-"£"#,##0.00');
    expect(currencyNumberFormat("EUR")).toBe('"€"#,##0.00;[Red]-"€"#,##0.00');
    expect(currencyNumberFormat("JPY")).toBe('"¥"#,##0;[Red]-"¥"#,##0');
    expect(currencyNumberFormat("CHF")).toBe('"CHF "#,##0.00;[Red]-"CHF "#,##0.00');
  });

  test("the format RGO writes reads back as its own currency", () => {
    for (const code of ["USD", "GBP", "EUR", "JPY", "INR", "BRL", "CAD", "CHF", "SEK"])
      expect(currencyOfNumberFormat(currencyNumberFormat(code))).toBe(code);
  });

  test.each([
    ["[$£-809]#,##0.00", "GBP"],
    ['"€"#,##0.00', "EUR"],
    ["£#,##0.00", "GBP"],
    ["\\£#,##0.00", "GBP"],
    ["[$EUR] #,##0.00", "EUR"],
    ["#,##0.00 [$€-407]", "EUR"],
    ["#,##0.00\\ [$€-40C];[Red]-#,##0.00\\ [$€-40C]", "EUR"],
    ["[$$-409]#,##0.00", "USD"],
    ["[$¥-411]#,##0", "JPY"],
    ['_-"£"* #,##0.00_-;\\-"£"* #,##0.00_-', "GBP"],
    ["[$CHF] #,##0.00", "CHF"],
  ])("%s names %s", (fmt, code) => {
    expect(currencyOfNumberFormat(fmt)).toBe(code);
  });

  test.each(["0.00", "#,##0", "General", "[$-409]mmmm d, yyyy", "0.0%", "[Red]0.00", "@"])(
    "%s names no currency",
    (fmt) => {
      expect(currencyOfNumberFormat(fmt)).toBeNull();
    },
  );
});

describe("money text currency", () => {
  test.each([
    ["£12.50", "GBP"],
    ["€3,20", "EUR"],
    ["3,20 €", "EUR"],
    ["12.50 GBP", "GBP"],
    ["EUR 3.20", "EUR"],
    ["-$5.00", "USD"],
    ["(£1,234.50)", "GBP"],
    ["¥1200", "JPY"],
  ])("%s -> %s", (text, code) => {
    expect(currencyOfMoneyText(text)).toBe(code);
  });

  test.each(["12.50", "1,234.50", "abc", "12.50 ABC", "", "-3"])("%s -> none", (text) => {
    expect(currencyOfMoneyText(text)).toBeNull();
  });

  test("codes: three letters, any case; anything else is refused", () => {
    expect(normalizeCurrencyCode(" gbp ")).toBe("GBP");
    expect(normalizeCurrencyCode("XYZ")).toBe("XYZ");
    for (const bad of ["", "GB", "GBPX", "£", "G1P", "pounds"])
      expect(normalizeCurrencyCode(bad)).toBeNull();
  });
});

describe("detection over money columns", () => {
  const table = (rows: CellValue[][], extra: Partial<RawTable> = {}): RawTable => ({
    name: "weekly_sales",
    origin: "test",
    header: ["customer_id", "week_start_date", "weekly_spend", "note"],
    rows,
    headerRow: 1,
    firstColumn: 1,
    ...extra,
  });
  const detect = (t: RawTable): ReturnType<typeof detectCurrency> =>
    detectCurrency([
      { table: t, role: "sales", map: mapColumns(t, "sales", new IssueCollector()) },
    ]);

  test("plain numbers name no currency; a '$' in a text column is not money", () => {
    expect(detect(table([["1", "2025-01-04", 12.5, "paid in $"]]))).toBeNull();
  });

  test("€ texts in the revenue column -> EUR, first row named", () => {
    const d = detect(
      table([
        ["1", "2025-01-04", "12.50", null],
        ["1", "2025-01-11", "€3,20", null],
        ["2", "2025-01-04", "4,00 €", null],
      ]),
    );
    expect(d).toMatchObject({ code: "EUR", sheet: "weekly_sales", column: "weekly_spend", row: 3 });
  });

  test("a £ number format on the revenue column -> GBP", () => {
    const d = detect(
      table([["1", "2025-01-04", 12.5, null]], {
        columnCurrencies: [[], [], [{ code: "GBP", row: 2 }], []],
      }),
    );
    expect(d).toMatchObject({ code: "GBP", source: "number format", row: 2 });
  });

  test("£ and € in one column: an input error naming sheet, column and both currencies", () => {
    const t = table([
      ["1", "2025-01-04", "£12.50", null],
      ["1", "2025-01-11", "£1.00", null],
      ["2", "2025-01-04", "€4.00", null],
    ]);
    let caught: unknown;
    try {
      detect(t);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(RgoError);
    const e = caught as RgoError;
    expect(e.kind).toBe("input");
    expect(e.code).toBe("mixed-currency");
    expect(e.message).toContain("weekly_sales");
    expect(e.message).toContain('"weekly_spend"');
    expect(e.message).toContain("GBP");
    expect(e.message).toContain("EUR");
    expect(e.message).toContain("row 4"); // the first € cell: header row 1, third data row
  });

  test("a format in one currency and text in another is mixed too", () => {
    expect(() =>
      detect(
        table([["1", "2025-01-04", "$5", null]], {
          columnCurrencies: [[], [], [{ code: "GBP", row: 5 }], []],
        }),
      ),
    ).toThrow(/USD.*GBP|GBP.*USD/);
  });
});
