import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { runCli, tempDir } from "./run-cli";

describe("rgo rules schema", () => {
  it("prints the JSON Schema of a rule pack with this build's facts, event types and parameters", async () => {
    const run = await runCli(["rules", "schema"]);
    expect(run).toMatchObject({ code: 0, err: "" });
    const schema = JSON.parse(run.out) as {
      $schema: string;
      properties: { parameters: Record<string, unknown> };
      definitions: Record<string, unknown>;
    };
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.properties.parameters).toMatchObject({ type: "object" });
    expect(Object.keys(schema.properties.parameters)).toContain("properties");
    const text = run.out;
    for (const fact of RGO_REGISTRY.customerFacts) expect(text).toContain(`"${fact.name}"`);
    for (const event of RGO_REGISTRY.events) expect(text).toContain(`"${event.type}"`);
    expect(text).toContain('"greaterThanInclusive"');
  });

  it("--out writes the same text to a file (creating its folder)", async () => {
    const file = join(tempDir("schema"), "sub", "pack.schema.json");
    const written = await runCli(["rules", "schema", "--out", file]);
    expect(written).toEqual({ code: 0, out: "", err: "" });
    expect(readFileSync(file, "utf8")).toBe((await runCli(["rules", "schema"])).out);
  });

  it("--out onto a folder is exit 2 with a plain message, and the folder is untouched", async () => {
    const dir = tempDir("schema-dir");
    const run = await runCli(["rules", "schema", "--out", dir]);
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `rgo: cannot write ${dir}: it is a folder. Give a file name, e.g. ${join(dir, "results.xlsx")}.\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("rejects extra arguments with exit code 2", async () => {
    const run = await runCli(["rules", "schema", "extra"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/Unexpected argument 'extra'/);
  });
});
