/**
 * Owners on RGO Summary: the Owner column of RGO Actions names a customer's owner in the top
 * customers and in the recommendation; a customer without one is "unassigned"; a customer listed
 * twice is named once.
 */
import { analyze } from "../../src/engine/pipeline/analyze";
import { ACTIONS_COLUMNS } from "../../src/engine/history/actions-columns";
import { buildResultBook } from "../../src/engine/report/build-result-book";
import type { ResultCell, ResultTable, SummaryBlock } from "../../src/engine/report/result-book";
import { distinctCustomers } from "../../src/engine/report/summary/recommendations";
import type { CustomerResult } from "../../src/engine/analysis-result";
import { makeDataset } from "../engine/make-dataset";
import { rawPack, RUN_AT } from "../engine/seed-helpers";

test("owners typed in RGO Actions appear beside their customers; the others are unassigned", async () => {
  // C1 drops from $100 to $10 a week, C2 from $100 to $40, C3 steady: two customers with gaps.
  const ds = makeDataset([
    { id: "C1", spend: [100, 100, 100, 100, 100, 100, 100, 100, 10, 10, 10, 10] },
    { id: "C2", spend: [100, 100, 100, 100, 100, 100, 100, 100, 40, 40, 40, 40] },
    { id: "C3", spend: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100] },
  ]);
  const pack = rawPack("seed-tier2");
  const result = await analyze(ds, pack, { runAt: RUN_AT });
  const headers = ACTIONS_COLUMNS.map((c) => c.header);
  const row = (id: string, owner: string | null): ResultCell[] =>
    headers.map((h) => (h === "Customer" ? id : h === "Owner" ? owner : null));
  const actions: ResultTable = {
    name: "RGO_Actions",
    columns: ACTIONS_COLUMNS.map((c) => ({ header: c.header, format: c.format })),
    rows: [row("C1", " Ann Lee "), row("C2", "   ")],
  };
  const book = buildResultBook(result, {
    pack,
    packHash: "sha256:x",
    issues: [],
    source: "test",
    inputCounts: { customers: 3, salesRows: 36, stockRows: 0 },
    runAt: RUN_AT,
    actions: {
      sheet: { name: "RGO Actions", content: { kind: "table", table: actions } },
      summaryBlocks: [],
    },
  });
  const summary = book.sheets.find((s) => s.name === "RGO Summary");
  if (summary?.content.kind !== "report") throw new Error("RGO Summary is a report");
  const blocks: SummaryBlock[] = summary.content.blocks;
  const top = blocks.find((b) => b.kind === "table" && b.table.name === "RGO_Summary_TopCustomers");
  if (top?.kind !== "table") throw new Error("no top customers");
  const at = (h: string) => top.table.columns.findIndex((c) => c.header === h);
  // C1 misses $90 a week, C2 $60: C1 first.
  expect(top.table.rows.map((r) => [r[at("Customer")], r[at("Owner")]])).toEqual([
    ["C1", "Ann Lee"],
    ["C2", "unassigned"],
  ]);
  const call = blocks
    .flatMap((b) => (b.kind === "bullets" ? b.items : []))
    .find((t) => t.startsWith("Call first"));
  expect(call).toBe(
    "Call first the 2 customers with the most revenue at risk ($150.00 per week together): C1 ($90.00, owner: Ann Lee); C2 ($60.00, owner: unassigned).",
  );
  expect(
    blocks
      .flatMap((b) => (b.kind === "bullets" ? b.items : []))
      .some((t) => t.startsWith("1 of the 2 customers with a gap has no owner")),
  ).toBe(true);
});

test("a customer listed twice is named once", () => {
  const c = (id: string) => ({ customerId: id }) as CustomerResult;
  expect(
    distinctCustomers([c("154"), c("48"), c("154"), c("175"), c("152")], 5).map(
      (x) => x.customerId,
    ),
  ).toEqual(["154", "48", "175", "152"]);
  expect(distinctCustomers([c("1"), c("1"), c("2"), c("3")], 2).map((x) => x.customerId)).toEqual([
    "1",
    "2",
  ]);
});
