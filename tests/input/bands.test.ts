/**
 * Age and household-size bands as ordered categories: the value is the band's lower bound, the
 * label is kept. Checked by hand, by a property, and on the real Complete Journey demographics
 * (84.51° and dunnhumby's own coding of the same 801 households), whose CSVs are read here with a
 * plain line split.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { bandLowerBound, NUMBER_OR_BAND, INVALID } from "../../src/engine/input/cell-readers";
import { newNumberParse } from "../../src/engine/input/coerce-number";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { readInput } from "../../src/workbook/read-input";
import { table, workbook } from "./helpers";

const REAL = resolve(__dirname, "../../../shared/data/real");

describe("bandLowerBound", () => {
  test("hand cases", () => {
    expect(bandLowerBound("45-54")).toBe(45);
    expect(bandLowerBound(" 19 - 24 ")).toBe(19);
    expect(bandLowerBound("65+")).toBe(65);
    expect(bandLowerBound("5+")).toBe(5);
    expect(bandLowerBound("25\u201334")).toBe(25);
    expect(bandLowerBound("25 to 34")).toBe(25);
    expect(bandLowerBound("54-45")).toBeNull();
    expect(bandLowerBound("2025-09")).toBeNull();
    expect(bandLowerBound("old")).toBeNull();
    expect(bandLowerBound("Under 15K")).toBeNull();
    expect(bandLowerBound("")).toBeNull();
  });

  test("property: a-b (a <= b) and a+ give a; b < a gives null", () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), (a, b) => {
        expect(bandLowerBound(`${a}+`)).toBe(a);
        expect(bandLowerBound(`${a}-${b}`)).toBe(b >= a ? a : null);
      }),
    );
  });

  test("NUMBER_OR_BAND keeps plain numbers and rejects other text", () => {
    const num = newNumberParse();
    expect(NUMBER_OR_BAND(42, num)).toBe(42);
    expect(NUMBER_OR_BAND("42", num)).toBe(42);
    expect(NUMBER_OR_BAND("35-44", num)).toBe(35);
    expect(NUMBER_OR_BAND("forty", num)).toBe(INVALID);
  });
});

describe("bands in the customers table", () => {
  const sales = table(
    "weekly_sales",
    ["customer_id", "week_start_date", "weekly_spend"],
    [
      ["1", "2025-09-06", "1"],
      ["2", "2025-09-06", "1"],
      ["3", "2025-09-06", "1"],
    ],
  );
  test("ages and household sizes: lower bound as the value, label kept, bad text warned", () => {
    const r = buildDataset(
      workbook(
        table(
          "customers",
          ["customer_id", "age", "household_size"],
          [
            ["1", "45-54", "5+"],
            ["2", 38, 2],
            ["3", "old", "many"],
          ],
        ),
        sales,
      ),
    );
    const c = r.dataset.customers;
    expect(Array.from(c.age)).toEqual([45, 38, NaN]);
    expect(Array.from(c.householdSize)).toEqual([5, 2, NaN]);
    expect(c.ageBand).toEqual(["45-54", null, null]);
    expect(c.householdSizeBand).toEqual(["5+", null, null]);
    expect(r.issues.filter((i) => i.code === "bad-value").map((i) => i.message)).toEqual([
      'age is "old"; expected a number or a band such as 45-54 or 65+. Left unknown.',
      'household_size is "many"; expected a number or a band such as 45-54 or 65+. Left unknown.',
    ]);
  });

  test("no band labels when every value is a plain number", () => {
    const r = buildDataset(
      workbook(table("customers", ["customer_id", "age"], [["1", 40]]), sales),
    );
    expect(r.dataset.customers.ageBand).toBeUndefined();
  });
});

/** household id -> [age text, household size text] from a CSV read by splitting lines. */
function demographics(file: string, id: string, age: string, size: string) {
  const [head, ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const h = head.split(",");
  const at = (k: string) => h.indexOf(k);
  return new Map(
    lines.map((l) => {
      const f = l.split(",");
      return [f[at(id)], [f[at(age)], f[at(size)]]] as const;
    }),
  );
}
const lower = (band: string) => Number(/^\d+/.exec(band)?.[0]);

describe("Complete Journey demographics", () => {
  test("the 84.51° folder runs with no warning about bands; ages are the bands' lower bounds", async () => {
    const dir = resolve(REAL, "completejourney-8451");
    const r = buildDataset(await readCsvFolder(dir));
    expect(r.roles.customers?.name).toBe("demographics.csv");
    const about = r.issues.filter((i) => i.column === "age" || i.column === "household_size");
    expect(about).toEqual([]);
    const truth = demographics(
      resolve(dir, "demographics.csv"),
      "household_id",
      "age",
      "household_size",
    );
    const c = r.dataset.customers;
    const wrong: unknown[] = [];
    for (const [id, [age, size]] of truth) {
      const k = c.indexById.get(id) ?? -1;
      if (c.age[k] !== lower(age) || c.ageBand?.[k] !== age) wrong.push([id, age, c.age[k]]);
      if (c.householdSize[k] !== lower(size)) wrong.push([id, size, c.householdSize[k]]);
    }
    expect(truth.size).toBe(801);
    expect(wrong).toEqual([]);
  });

  test("dunnhumby's hh_demographic headers (AGE_DESC, HOUSEHOLD_SIZE_DESC, household_key)", async () => {
    const file = resolve(REAL, "dunnhumby-complete-journey-v1/hh_demographic.csv");
    const wb = await readInput(file);
    const ids = [...demographics(file, "household_key", "AGE_DESC", "HOUSEHOLD_SIZE_DESC")];
    const s = table(
      "weekly_sales",
      ["customer_id", "week_start_date", "weekly_spend"],
      ids.map(([id]) => [id, "2025-09-06", "1"]),
    );
    const r = buildDataset(workbook(...wb.tables, s));
    expect(r.roles.customers?.name).toBe("hh_demographic.csv");
    expect(r.issues.filter((i) => i.severity !== "info")).toEqual([]);
    const c = r.dataset.customers;
    expect(c.count).toBe(801);
    const wrong = ids.filter(([id, [age, size]]) => {
      const k = c.indexById.get(id) ?? -1;
      return c.age[k] !== lower(age) || c.householdSize[k] !== lower(size);
    });
    expect(wrong).toEqual([]);
  });
});
