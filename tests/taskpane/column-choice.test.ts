/**
 * Column choices made in the Data step reach the engine as data (role -> field -> header) beside
 * the tables as read: the engine's header mapping honours exactly the chosen columns and matches
 * the rest by header; a chosen header that is not there stops the run naming role, field and
 * header; one table may serve two roles with different choices without copies; the seed data
 * with its spend column called "Takings" runs to the seed figures once "revenue" = Takings is
 * chosen, and a bad cell's message names "Takings", the user's own header.
 */
import { resolve } from "node:path";
import fc from "fast-check";
import { columnsOf, normalizeHeader } from "../../src/engine/input/column-registry";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { mapColumns, matchColumns } from "../../src/engine/input/header-map";
import { IssueCollector } from "../../src/engine/input/issue-collector";
import { ROLES, type Role } from "../../src/engine/input/role";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import {
  canonicalHeader,
  choiceNotes,
  effectiveColumns,
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

/** The engine's mapping of `header` for `role` with `choice`, or the error it throws. */
function engineMap(role: Role, header: string[], choice: ColumnChoice): Record<string, number> {
  return mapColumns(table("t", header), role, new IssueCollector(200), choice);
}

test("the engine maps exactly the chosen columns and matches the rest by header", () => {
  fc.assert(
    fc.property(scenario, ({ role, header, choice }) => {
      let got: Record<string, number>;
      try {
        got = engineMap(role, header, choice);
      } catch (e) {
        // Only a missing required column (or stock measure) may stop the mapping here.
        expect(e).toMatchObject({ kind: "input", code: "missing-column" });
        return;
      }
      // Each chosen field gets its column (the first field keeps a column two fields chose);
      // "(none)" maps nothing.
      const taken = new Set<number>();
      for (const spec of columnsOf(role)) {
        if (!(spec.key in choice)) continue;
        const h = choice[spec.key];
        if (h === null) {
          expect(got[spec.key]).toBe(-1);
          continue;
        }
        const idx = header.indexOf(h);
        expect(got[spec.key]).toBe(taken.has(idx) ? -1 : idx);
        taken.add(idx);
      }
      // The other fields are matched by header among the columns no choice took.
      const rest = columnsOf(role).filter((s) => !(s.key in choice));
      const detected = matchColumns(
        header.map((h, i) => (taken.has(i) ? "" : h)),
        rest,
      );
      for (const s of rest) expect(got[s.key]).toBe(detected[s.key]);
      // No column serves two fields.
      const used = Object.values(got).filter((i) => i >= 0);
      expect(new Set(used).size).toBe(used.length);
      // The Data step's preview and mapping line show the same columns.
      expect(effectiveColumns(role, header, choice)).toEqual(got);
      for (const m of columnMapping(role, header, choice))
        expect(m.header).toBe(got[m.key as string] >= 0 ? header[got[m.key as string]] : null);
    }),
    { numRuns: 400 },
  );
});

test("hand-worked: choosing Amount over the detected 'sales' column; a missing choice is an error", () => {
  const header = ["customer_id", "week", "Amount", "sales", "Notes"];
  expect(columnMapping("sales", header).find((m) => m.key === "revenue")?.header).toBe("sales");
  const choice = { revenue: "Amount", store: null };
  expect(engineMap("sales", header, choice)).toMatchObject({
    customerId: 0,
    week: 1,
    revenue: 2,
    store: -1,
  });
  expect(choiceNotes("sales", header, choice)).toEqual([
    "weekly_spend ← Amount (chosen)",
    "store_id ← (none) (chosen)",
  ]);
  const shown = columnMapping("sales", header, choice).find((m) => m.key === "revenue");
  expect(shown).toMatchObject({ header: "Amount", chosen: true, canonical: "weekly_spend" });
  // A header chosen but not in the table stops the run naming role, field and header...
  expect(() => engineMap("sales", header, { revenue: "Gone" })).toThrow(
    expect.objectContaining({
      kind: "input",
      code: "unknown-column",
      message: expect.stringMatching(/"Gone" chosen for sales revenue is not in t/) as unknown,
    }),
  );
  // ...as does a field the role does not have.
  expect(() => engineMap("sales", header, { quota: "Amount" })).toThrow(
    expect.objectContaining({ code: "unknown-field" }),
  );
  // The Data step's preview keeps the detected column and does not mark it chosen.
  expect(effectiveColumns("sales", header, { revenue: "Gone" })).toEqual(
    effectiveColumns("sales", header),
  );
  expect(choiceNotes("sales", header, { revenue: "Gone" })).toEqual([]);
});

test("one table serving two roles takes each role's choices, with no copies", () => {
  const sales = table(
    "Sales",
    ["customer_id", "week", "Takings", "Region", "Area"],
    [
      ["1", "2025-01-04", 5, "N", "X"],
      ["2", "2025-01-04", 7, "S", "Y"],
    ],
  );
  const wb: RawWorkbook = { source: "book", tables: [sales] };
  const before = JSON.parse(JSON.stringify(wb)) as unknown;
  const { dataset, roles } = buildDataset(wb, {
    tableForRole: { sales: "Sales", customers: "Sales" },
    columns: { sales: { revenue: "Takings" }, customers: { segment: "Area" } },
  });
  expect(JSON.parse(JSON.stringify(wb))).toEqual(before);
  expect(roles.sales).toBe(sales);
  expect(roles.customers).toBe(sales);
  expect(Array.from(dataset.sales.spendCents)).toEqual([500, 700]);
  expect(dataset.customers.segment).toEqual(["X", "Y"]);
});

const seedPack = () => {
  const checked = validatePack(JSON.stringify(BUILTIN_PACKS["seed-tier2"]), RGO_REGISTRY);
  if (!checked.ok) throw new Error("seed-tier2 invalid");
  return checked;
};

/** The seed data with the sales table's weekly_spend header renamed "Takings". */
async function seedWithTakings(): Promise<{ workbook: RawWorkbook; sales: RawTable }> {
  const wb = await readCsvFolder(SEED);
  const workbook: RawWorkbook = {
    ...wb,
    tables: wb.tables.map((t) =>
      t.name.startsWith("retail_weekly_sales")
        ? { ...t, header: t.header.map((h) => (h === "weekly_spend" ? "Takings" : h)) }
        : t,
    ),
  };
  const sales = workbook.tables.find((t) => t.name.startsWith("retail_weekly_sales")) as RawTable;
  return { workbook, sales };
}

test("the seed data with its spend column called 'Takings' runs to 343 gaps and $22,583.22 once chosen", async () => {
  const { workbook, sales } = await seedWithTakings();
  expect(() => buildDataset(workbook)).toThrow(/no revenue column/);
  const { result } = await runAnalysis(workbook, seedPack(), {
    runAt: new Date(),
    tableForRole: { sales: sales.name },
    columns: { sales: { revenue: "Takings" } },
  });
  expect(result.gaps.length).toBe(343);
  const cents = result.gaps.reduce((n, g) => n + Math.round(g.gapAmount * 100), 0);
  expect(cents).toBe(2_258_322);
});

test("a bad cell in the chosen column is reported under the user's header 'Takings'", async () => {
  const { workbook, sales } = await seedWithTakings();
  const col = sales.header.indexOf("Takings");
  const rows = sales.rows.map((r, i) => (i === 4 ? r.map((v, j) => (j === col ? "lots" : v)) : r));
  const bad: RawWorkbook = {
    ...workbook,
    tables: workbook.tables.map((t) => (t === sales ? { ...sales, rows } : t)),
  };
  const { issues } = buildDataset(bad, { columns: { sales: { revenue: "Takings" } } });
  const cell = issues.filter((i) => i.sheet === sales.name && i.row === sales.headerRow + 5);
  expect(cell).toHaveLength(1);
  expect(cell[0].column).toBe("Takings");
  expect(cell[0].message).toContain("Takings");
  expect(JSON.stringify(issues)).not.toContain("weekly_spend");
});
