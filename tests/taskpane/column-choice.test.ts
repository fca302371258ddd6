/**
 * Column choices made in the Data step reach the engine as renamed headers: applying any choice
 * and detecting the columns again (the engine's own header mapping) gives exactly the chosen
 * mapping; inputs are never modified; the seed data with its spend column called "Takings" runs
 * to the seed figures once "revenue" = Takings is chosen.
 */
import { resolve } from "node:path";
import fc from "fast-check";
import { columnsOf, normalizeHeader } from "../../src/engine/input/column-registry";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { matchColumns } from "../../src/engine/input/header-map";
import { detectRoles } from "../../src/engine/input/roles";
import { ROLES, type Role } from "../../src/engine/input/role";
import { analyze } from "../../src/engine/pipeline/analyze";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import {
  applyColumnChoice,
  applyColumnChoices,
  canonicalHeader,
  choiceNotes,
  effectiveColumns,
  neutralHeader,
  type ColumnChoice,
} from "../../src/taskpane/state/column-choice";
import { columnMapping } from "../../src/taskpane/state/role-guess";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import type { RawTable, RawWorkbook } from "../../src/engine/input/raw-table";

const SEED = resolve(__dirname, "../../../shared/data/seed");

const table = (name: string, header: string[], rows: RawTable["rows"] = []): RawTable => ({
  name,
  origin: "test",
  header,
  rows,
  headerRow: 1,
  firstColumn: 1,
});

/** Headers a user's sheet may have: registry synonyms in any spelling, other words, blanks. */
const headerCell = fc.oneof(
  fc
    .constantFrom(...[...new Set(ROLES.flatMap((r) => columnsOf(r).flatMap((c) => c.synonyms)))])
    .chain((syn) =>
      fc.constantFrom(
        syn,
        syn.toUpperCase(),
        syn.replace(/_/g, " "),
        `${syn[0].toUpperCase()}${syn.slice(1)}`,
      ),
    ),
  fc.constantFrom("Takings", "Notes", "week_number", "month", "", "Amount (USD)", "x"),
  fc.string({ maxLength: 8 }),
);

/** A role, a header and a choice over that header's distinct texts (or "(none)"). */
const scenario = fc
  .record({
    role: fc.constantFrom<Role>(...ROLES),
    header: fc.array(headerCell, { minLength: 0, maxLength: 14 }),
  })
  .chain(({ role, header }) => {
    const keys = columnsOf(role).map((c) => c.key);
    const texts = [...new Set(header.filter((h) => h !== ""))];
    const pick: fc.Arbitrary<string | null> =
      texts.length > 0 ? fc.option(fc.constantFrom(...texts), { nil: null }) : fc.constant(null);
    return fc.record({
      role: fc.constant(role),
      header: fc.constant(header),
      choice: fc.dictionary(fc.constantFrom(...keys), pick, { maxKeys: keys.length }),
    });
  });

const deepCopy = (t: RawTable): RawTable => JSON.parse(JSON.stringify(t)) as RawTable;

test("every field's canonical header is a synonym of that field only", () => {
  for (const role of ROLES) {
    const specs = columnsOf(role);
    for (const spec of specs) {
      const c = canonicalHeader(role, spec.key);
      expect(spec.synonyms).toContain(c);
      const elsewhere = specs.filter(
        (o) => o !== spec && o.synonyms.some((s) => normalizeHeader(s) === normalizeHeader(c)),
      );
      expect(elsewhere).toEqual([]);
    }
  }
  expect(canonicalHeader("sales", "revenue")).toBe("weekly_spend");
});

test("applying any choice, then detecting the columns again, gives exactly the chosen mapping", () => {
  fc.assert(
    fc.property(scenario, ({ role, header, choice }) => {
      const input = table("t", header.slice());
      const before = deepCopy(input);
      const out = applyColumnChoice(input, role, choice);
      // The input is untouched and a new table comes back, same rows.
      expect(input).toEqual(before);
      expect(out).not.toBe(input);
      expect(out.rows).toBe(input.rows);
      expect(out.header).toHaveLength(header.length);
      const want = effectiveColumns(role, header, choice);
      // The engine's own detection on the new header finds the effective mapping...
      expect(matchColumns(out.header, columnsOf(role))).toEqual(want);
      expect(effectiveColumns(role, out.header)).toEqual(want);
      // ...which is the user's choice for every field chosen (first field wins a shared column).
      const taken = new Set<number>();
      for (const spec of columnsOf(role)) {
        if (!(spec.key in choice)) continue;
        const h = choice[spec.key];
        if (h === null) {
          expect(want[spec.key]).toBe(-1);
          continue;
        }
        const idx = header.indexOf(h);
        expect(want[spec.key]).toBe(taken.has(idx) ? -1 : idx);
        taken.add(idx);
      }
      // No column serves two fields, and columns no field uses keep their text or are neutralised.
      const used = Object.values(want).filter((i) => i >= 0);
      expect(new Set(used).size).toBe(used.length);
      header.forEach((h, i) => {
        if (!used.includes(i)) expect([h, neutralHeader(h)]).toContain(out.header[i]);
      });
      // The Data step's mapping line names the same columns.
      const shown = columnMapping(role, header, choice);
      for (const m of shown)
        expect(m.header).toBe(want[m.key as string] >= 0 ? header[want[m.key as string]] : null);
    }),
    { numRuns: 400 },
  );
});

test("a sales choice covering the required fields makes the table detectable as weekly sales", () => {
  const salesScenario = fc
    .array(headerCell, { maxLength: 10 })
    .chain((extra) =>
      fc.tuple(
        fc.constant(extra),
        fc.shuffledSubarray(["Cust", "Wk", "Takings"], { minLength: 3, maxLength: 3 }),
      ),
    );
  fc.assert(
    fc.property(salesScenario, ([extra, mine]) => {
      const header = [...mine, ...extra.filter((h) => !mine.includes(h))];
      const choice: ColumnChoice = { customerId: "Cust", week: "Wk", revenue: "Takings" };
      const out = applyColumnChoice(table("Sheet7", header), "sales", choice);
      const { roles } = detectRoles([out]);
      expect(roles.sales).toBe(out);
      const m = matchColumns(out.header, columnsOf("sales"));
      expect([m.customerId, m.week, m.revenue]).toEqual(
        ["Cust", "Wk", "Takings"].map((h) => header.indexOf(h)),
      );
    }),
  );
});

test("hand-worked: choosing Amount over the detected 'sales' column", () => {
  const header = ["customer_id", "week", "Amount", "sales", "Notes"];
  expect(columnMapping("sales", header).find((m) => m.key === "revenue")?.header).toBe("sales");
  const choice = { revenue: "Amount", store: null };
  const out = applyColumnChoice(table("S", header), "sales", choice);
  // Columns the registry already ties to their field keep their text; others get the field's name.
  expect(out.header).toEqual(["customer_id", "week", "Amount", "sales [not used]", "Notes"]);
  const takings = applyColumnChoice(
    table("S", ["customer_id", "week", "Takings", "sales"]),
    "sales",
    {
      revenue: "Takings",
    },
  );
  expect(takings.header).toEqual(["customer_id", "week", "weekly_spend", "sales [not used]"]);
  expect(choiceNotes("sales", header, choice)).toEqual([
    "weekly_spend ← Amount (chosen)",
    "store_id ← (none) (chosen)",
  ]);
  const shown = columnMapping("sales", header, choice).find((m) => m.key === "revenue");
  expect(shown).toMatchObject({ header: "Amount", chosen: true, canonical: "weekly_spend" });
  // A choice naming a header the source no longer has is ignored.
  expect(effectiveColumns("sales", header, { revenue: "Gone" })).toEqual(
    effectiveColumns("sales", header),
  );
  expect(choiceNotes("sales", header, { revenue: "Gone" })).toEqual([]);
});

test("applyColumnChoices: one table per role with choices; shared tables are copied, inputs untouched", () => {
  const sales = table(
    "Sales",
    ["customer_id", "week", "Takings", "Region", "Area"],
    [["1", "2025-01-04", 5, "N", "X"]],
  );
  const other = table("Stock", ["store_id", "week", "on_hand"]);
  const wb: RawWorkbook = { source: "book", tables: [sales, other] };
  const before = JSON.parse(JSON.stringify(wb)) as unknown;
  const r = applyColumnChoices(
    wb,
    { sales: "Sales", customers: "Sales", stock: "Stock" },
    { sales: { revenue: "Takings" }, customers: { segment: "Area" } },
  );
  expect(JSON.parse(JSON.stringify(wb))).toEqual(before);
  expect(r.workbook.tables[1]).toBe(other);
  expect(r.tableForRole).toEqual({
    sales: "Sales",
    customers: "Sales (customers)",
    stock: "Stock",
  });
  const byName = (n: string) => r.workbook.tables.find((t) => t.name === n) as RawTable;
  expect(matchColumns(byName("Sales").header, columnsOf("sales")).revenue).toBe(2);
  expect(matchColumns(byName("Sales (customers)").header, columnsOf("customers")).segment).toBe(4);
  expect(byName("Sales (customers)").rows).toBe(sales.rows);
  // Without choices nothing changes.
  const same = applyColumnChoices(wb, { sales: "Sales" }, {});
  expect(same.workbook.tables).toEqual(wb.tables);
  expect(same.tableForRole).toEqual({ sales: "Sales" });
});

test("the seed data with its spend column called 'Takings' runs to 343 gaps and $22,583.22 once chosen", async () => {
  const wb = await readCsvFolder(SEED);
  const renamed: RawWorkbook = {
    ...wb,
    tables: wb.tables.map((t) =>
      t.name.startsWith("retail_weekly_sales")
        ? { ...t, header: t.header.map((h) => (h === "weekly_spend" ? "Takings" : h)) }
        : t,
    ),
  };
  const sales = renamed.tables.find((t) => t.name.startsWith("retail_weekly_sales")) as RawTable;
  expect(() => buildDataset(renamed)).toThrow(/no revenue column/);
  const { workbook, tableForRole } = applyColumnChoices(
    renamed,
    { sales: sales.name },
    { sales: { revenue: "Takings" } },
  );
  const checked = validatePack(JSON.stringify(BUILTIN_PACKS["seed-tier2"]), RGO_REGISTRY);
  if (!checked.ok) throw new Error("seed-tier2 invalid");
  const { dataset } = buildDataset(workbook, { tableForRole });
  const result = await analyze(dataset, checked.pack, { runAt: new Date() });
  expect(result.gaps.length).toBe(343);
  const cents = result.gaps.reduce((n, g) => n + Math.round(g.gapAmount * 100), 0);
  expect(cents).toBe(2_258_322);
});
