import fc from "fast-check";
import {
  civilFromDays,
  dayToExcelSerial,
  daysFromCivil,
  excelSerialToDay,
  isoDateOfDay,
  isoWeekLabel,
  isoWeekMonday,
  weekdayOfDay,
} from "../../src/engine/input/calendar-days";
import { coerceBoolean, BOOL_BLANK, BOOL_INVALID } from "../../src/engine/input/coerce-boolean";
import { coerceId } from "../../src/engine/input/coerce-id";
import {
  coerceMoney,
  coerceNumber,
  coerceRate,
  newNumberParse,
  NumStatus,
} from "../../src/engine/input/coerce-number";
import { parseWeekCell, WeekKind, type WeekParse } from "../../src/engine/input/coerce-week";

const out = (): WeekParse => ({ kind: WeekKind.Blank, day: NaN, reason: "" });
const day = (iso: string) => Date.parse(iso + "T00:00:00Z") / 86400000;
/** Days whose Excel serial is in the accepted 20000..79999 range. */
const anyDay = fc.integer({ min: excelSerialToDay(20000), max: excelSerialToDay(79999) });

describe("calendar arithmetic", () => {
  test("hand-worked values", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2025, 9, 6)).toBe(day("2025-09-06"));
    expect(weekdayOfDay(day("2025-09-06"))).toBe(5); // Saturday
    expect(excelSerialToDay(45906)).toBe(day("2025-09-06"));
    // 1900 system: serial 1 = 1900-01-01, 59 = 1900-02-28, 60 = the non-existent 1900-02-29, 61 = 1900-03-01
    expect(isoDateOfDay(excelSerialToDay(1))).toBe("1900-01-01");
    expect(isoDateOfDay(excelSerialToDay(59))).toBe("1900-02-28");
    expect(excelSerialToDay(60)).toBeNaN();
    expect(isoDateOfDay(excelSerialToDay(61))).toBe("1900-03-01");
    expect(isoDateOfDay(isoWeekMonday(2025, 37))).toBe("2025-09-08");
    expect(isoDateOfDay(isoWeekMonday(2021, 1))).toBe("2021-01-04");
    expect(isoWeekMonday(2021, 53)).toBeNaN();
    expect(isoDateOfDay(isoWeekMonday(2020, 53))).toBe("2020-12-28");
    expect(isoWeekLabel(day("2025-09-06"))).toBe("2025-W36");
  });

  test("property: day <-> civil <-> Date agree", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }), (d) => {
        const { y, m, d: dd } = civilFromDays(d);
        expect(daysFromCivil(y, m, dd)).toBe(d);
        expect(isoDateOfDay(d)).toBe(new Date(d * 86400000).toISOString().slice(0, 10));
        expect(weekdayOfDay(d)).toBe((new Date(d * 86400000).getUTCDay() + 6) % 7);
      }),
    );
  });
});

describe("week cells", () => {
  test("property: serials, ISO dates, datetimes, Dates and YYYYMMDD give the same day", () => {
    fc.assert(
      fc.property(anyDay, fc.boolean(), (d, fractional) => {
        const iso = isoDateOfDay(d);
        const o = out();
        const serial = dayToExcelSerial(d) + (fractional ? 0.75 : 0);
        const cells = [
          serial,
          String(serial),
          iso,
          `${iso}T00:00:00Z`,
          `${iso} 14:06:53`,
          new Date(d * 86400000 + 3600000),
          iso.replace(/-/g, ""),
          iso.replace(/-/g, "/"),
        ];
        for (const cell of cells) {
          expect(parseWeekCell(cell, o)).toBe(WeekKind.Date);
          expect(o.day).toBe(d);
        }
      }),
    );
  });

  test("property: ISO weeks map to their Monday; week numbers 1..53 to (N-1)*7", () => {
    fc.assert(
      fc.property(anyDay, (d) => {
        const monday = d - weekdayOfDay(d);
        const label = isoWeekLabel(d);
        const o = out();
        expect(parseWeekCell(label, o)).toBe(WeekKind.IsoWeek);
        expect(o.day).toBe(monday);
        expect(parseWeekCell(label.replace("-", ""), o)).toBe(WeekKind.IsoWeek);
        expect(o.day).toBe(monday);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 53 }), (n) => {
        const o = out();
        for (const cell of [n, String(n), `Week ${n}`]) {
          expect(parseWeekCell(cell, o)).toBe(WeekKind.WeekNumber);
          expect(o.day).toBe((n - 1) * 7);
        }
      }),
    );
  });

  test("unambiguous day/month forms only", () => {
    const o = out();
    expect(parseWeekCell("13/6/2025", o)).toBe(WeekKind.Date);
    expect(isoDateOfDay(o.day)).toBe("2025-06-13");
    expect(parseWeekCell("6/13/2025", o)).toBe(WeekKind.Date);
    expect(isoDateOfDay(o.day)).toBe("2025-06-13");
    expect(parseWeekCell("9/6/2025", o)).toBe(WeekKind.Invalid);
    expect(o.reason).toMatch(/ambiguous/);
    expect(parseWeekCell("2025-02-30", o)).toBe(WeekKind.Invalid);
    expect(o.reason).toMatch(/not a real calendar date/);
    expect(parseWeekCell("2025-W54", o)).toBe(WeekKind.Invalid);
    expect(parseWeekCell(54, o)).toBe(WeekKind.Invalid);
    expect(parseWeekCell(true, o)).toBe(WeekKind.Invalid);
    expect(parseWeekCell("  ", o)).toBe(WeekKind.Blank);
    expect(parseWeekCell(null, o)).toBe(WeekKind.Blank);
  });

  test("property: garbage never throws and yields Invalid with a reason (or a valid parse)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.double(),
          fc.boolean(),
          fc.date({ noInvalidDate: false }),
        ),
        (cell) => {
          const o = out();
          const k = parseWeekCell(cell, o);
          if (k === WeekKind.Invalid) expect(o.reason.length).toBeGreaterThan(0);
          else if (k !== WeekKind.Blank) expect(Number.isFinite(o.day)).toBe(true);
        },
      ),
    );
  });
});

describe("numbers and money", () => {
  test("hand-worked money forms", () => {
    const r = newNumberParse();
    const cents = (cell: string | number) =>
      coerceMoney(cell, r) === NumStatus.Ok ? r.cents : "invalid";
    expect(cents("50.12")).toBe(5012);
    expect(cents(50.12)).toBe(5012);
    expect(cents(0.29)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(cents("$1,234.50")).toBe(123450);
    expect(cents("(12.50)")).toBe(-1250);
    expect(cents("-$3")).toBe(-300);
    expect(cents("1 234,50")).toBe(123450);
    expect(cents("1.234,50")).toBe(123450);
    expect(cents("12,5")).toBe(1250);
    expect(cents("1,234")).toBe(123400);
    expect(cents("€ 7")).toBe(700);
    expect(cents("1.005")).toBe(101);
    expect(r.subCent).toBe(true);
    expect(cents(1.005)).toBe(101);
    expect(cents("12%")).toBe("invalid");
    expect(cents("abc")).toBe("invalid");
    expect(cents("0x10")).toBe("invalid");
    expect(cents("1,23,4")).toBe("invalid");
    expect(coerceMoney("  ", r)).toBe(NumStatus.Blank);
    expect(coerceNumber("45%", r)).toBe(NumStatus.Ok);
    expect(r.value).toBeCloseTo(0.45, 15);
    expect(coerceRate("85", r)).toBe(NumStatus.Ok);
    expect(r.value).toBeCloseTo(0.85, 15);
    expect(coerceRate(0.5, r)).toBe(NumStatus.Ok);
    expect(r.value).toBe(0.5);
  });

  test("property: any cents amount written as text or number converts back exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.boolean(), (c, grouped) => {
        const r = newNumberParse();
        const abs = Math.abs(c);
        const whole = Math.floor(abs / 100);
        const text = `${grouped ? whole.toLocaleString("en-US") : whole}.${String(abs % 100).padStart(2, "0")}`;
        const signed = c < 0 ? (grouped ? `(${text})` : `-${text}`) : text;
        expect(coerceMoney(signed, r)).toBe(NumStatus.Ok);
        expect(r.cents).toBe(c === 0 ? 0 : c);
        expect(r.subCent).toBe(false);
        expect(coerceMoney(c / 100, r)).toBe(NumStatus.Ok);
        expect(r.cents).toBe(c === 0 ? 0 : c);
      }),
    );
  });

  test("property: garbage never throws; invalid text is Invalid", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const r = newNumberParse();
        const st = coerceMoney(s, r);
        if (st === NumStatus.Ok) expect(Number.isInteger(r.cents)).toBe(true);
        if (/[a-df-z]/i.test(s)) expect(st).toBe(NumStatus.Invalid);
      }),
    );
  });
});

describe("booleans and ids", () => {
  test("booleans, case-insensitive", () => {
    for (const t of ["True", "TRUE", "yes", "Y", "1", 1, true, " t "])
      expect(coerceBoolean(t)).toBe(1);
    for (const f of ["False", "no", "N", "0", 0, false, "F"]) expect(coerceBoolean(f)).toBe(0);
    expect(coerceBoolean("")).toBe(BOOL_BLANK);
    expect(coerceBoolean(null)).toBe(BOOL_BLANK);
    expect(coerceBoolean("maybe")).toBe(BOOL_INVALID);
    expect(coerceBoolean(2)).toBe(BOOL_INVALID);
  });

  test("property: 12, 12.0 and '12' are the same id", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
        const id = coerceId(n);
        expect(coerceId(`${n}`)).toBe(id);
        expect(coerceId(`${n}.0`)).toBe(id);
        expect(coerceId(` ${n}.00 `)).toBe(id);
        expect(id).toBe(String(n));
      }),
    );
    expect(coerceId("00001")).toBe("00001");
    expect(coerceId("  ")).toBeNull();
    expect(coerceId(true)).toBeUndefined();
  });
});
