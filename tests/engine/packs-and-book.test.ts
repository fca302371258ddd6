import { analyze } from "../../src/engine/pipeline/analyze";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { buildResultBook } from "../../src/engine/report/build-result-book";
import { BUILTIN_PACKS, builtinPackNames } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { rawPack, RUN_AT, seedDataset } from "./seed-helpers";

test.each(builtinPackNames())("built-in pack %s validates against RGO_REGISTRY", (name) => {
  const checked = validatePack(BUILTIN_PACKS[name], RGO_REGISTRY);
  expect(checked.ok ? [] : checked.errors).toEqual([]);
});

test("a pack with an unknown rounding rule is rejected", () => {
  const bad = JSON.parse(JSON.stringify(BUILTIN_PACKS["seed-v2"])) as {
    parameters: Record<string, unknown>;
  };
  bad.parameters.rounding = "banker";
  expect(validatePack(bad, RGO_REGISTRY).ok).toBe(false);
});

test("result book: sheets, pack JSON in chunks of <= 1000 characters, why text", async () => {
  const pack = rawPack("seed-v2");
  const result = await analyze(await seedDataset(), pack, { runAt: RUN_AT });
  const book = buildResultBook(result, {
    pack,
    packHash: "sha256:abc",
    issues: [],
    source: "seed",
    inputCounts: { customers: 200, salesRows: 2400, stockRows: 360 },
    runAt: RUN_AT,
  });
  expect(book.sheets.map((s) => s.name)).toEqual([
    "RGO Summary",
    "RGO Gaps",
    "RGO Customers",
    "RGO Churn",
    // the seed folder has deals and reps: the sales-pipeline sheets (issue 5)
    "RGO Pipeline",
    "RGO Reps",
    "RGO Rules",
    "RGO Issues",
  ]);
  const rules = book.sheets[6].content;
  if (rules.kind !== "table") throw new Error("RGO Rules is a table");
  const chunks = rules.table.rows.map((r) => String(r[4]));
  expect(chunks.every((c) => c.length <= 1000)).toBe(true);
  expect(JSON.parse(chunks.join(""))).toEqual(pack);
  const gaps = book.sheets[1].content;
  if (gaps.kind !== "table") throw new Error("RGO Gaps is a table");
  expect(gaps.table.rows).toHaveLength(193);
  const why = gaps.table.columns.findIndex((c) => c.header === "Why");
  expect(String(gaps.table.rows[0][why])).toContain("revenue-gap");
  expect(result.gaps[0].whySource).toBe("reference");
  expect(result.gaps[100].whySource).toBe("compiled");
});

test("the parameters schema compiles in Ajv strict mode and accepts every built-in pack's parameters", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require("ajv") as typeof import("ajv").default;
  const validate = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true }).compile(
    RGO_REGISTRY.parametersSchema,
  );
  for (const name of builtinPackNames()) {
    const ok = validate((BUILTIN_PACKS[name] as { parameters: unknown }).parameters);
    expect(ok ? [] : validate.errors).toEqual([]);
  }
  expect(
    validate({ ...(BUILTIN_PACKS["seed-v2"] as { parameters: object }).parameters, extra: 1 }),
  ).toBe(false);
});
