/**
 * The files the build derives from the RGO registry and the built-in packs
 * (src/engine/registry/registry-build-files.ts) are checked in: here they must equal what the
 * generator writes now, the generated validators must give exactly the errors of the validators
 * Ajv compiles at run time from the same schemas, and a built-in pack taken without checking must
 * be exactly what full validation returns (same clean copy, same hash), and only while unchanged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { validatedBuiltinPack } from "../../src/engine/registry/builtin-pack";
import { registryBuildFiles } from "../../src/engine/registry/registry-build-files";
import { RGO_PACK_VALIDATORS } from "../../src/engine/registry/rgo-pack-validators.generated";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { validateRgoPack } from "../../src/engine/registry/validate-rgo-pack";
import { compilePackValidators } from "../../src/rules/ajv-pack-validators";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import type { SchemaValidator } from "../../src/rules/pack-validators";
import { validatePack } from "../../src/rules/validate-pack";

const ROOT = join(__dirname, "../..");
type Json = Record<string | number, unknown>;

/** A built-in pack read from its file (not through the module under test). */
function packFile(name: string): Json {
  return JSON.parse(readFileSync(join(ROOT, "src/rules/packs", `${name}.json`), "utf8")) as Json;
}

/** Every path to a value inside a JSON value (objects and arrays walked). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

/** A copy of `value` with the value at `path` replaced (or deleted when `replacement` is undefined). */
function edited(value: Json, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  const last = path[path.length - 1];
  if (replacement === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = replacement;
  return copy;
}

const runtime = compilePackValidators(RGO_REGISTRY);

function outcome(validate: SchemaValidator, value: unknown): { ok: boolean; errors: unknown } {
  const ok = validate(value);
  return { ok, errors: ok ? null : validate.errors };
}

describe("the generated files", () => {
  it.each(registryBuildFiles().map((f) => [f.path, f.text] as const))(
    "%s is up to date (else run `npm run generate:validators`)",
    (path, text) => {
      const checkedIn = readFileSync(join(ROOT, path), "utf8");
      // Not toEqual on 1.4 MB of text: a mismatch would print all of it.
      expect(checkedIn.length).toBe(text.length);
      expect(checkedIn === text).toBe(true);
    },
  );

  it("the validators file holds no Ajv compiler and evaluates no code", () => {
    const text = readFileSync(
      join(ROOT, "src/engine/registry/rgo-pack-validators.generated.ts"),
      "utf8",
    );
    const imports = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    for (const spec of imports) {
      expect(spec === "../../rules/pack-validators" || spec.startsWith("ajv/dist/runtime/")).toBe(
        true,
      );
    }
    expect(text).not.toMatch(/\bnew Function\b|\beval\(|\brequire\(/);
  });
});

describe("generated validators = validators compiled at run time", () => {
  const names = Object.keys(BUILTIN_PACKS);

  it("accept every built-in pack and its parameters", () => {
    for (const name of names) {
      const pack = packFile(name);
      expect(outcome(RGO_PACK_VALIDATORS.pack, pack)).toEqual({ ok: true, errors: null });
      expect(outcome(RGO_PACK_VALIDATORS.parameters, pack.parameters)).toEqual({
        ok: true,
        errors: null,
      });
    }
  });

  it("give the same errors on built-in packs with a random value replaced or removed", () => {
    const bases = names.map((name) => ({ pack: packFile(name), paths: pathsOf(packFile(name)) }));
    const replacement = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1),
        fc.nat(),
        replacement,
        fc.boolean(),
        (b, p, repl, asText) => {
          const { pack, paths } = bases[b];
          const path = paths[p % paths.length];
          const value = edited(pack, path, repl);
          const generated = outcome(RGO_PACK_VALIDATORS.pack, value);
          expect(generated).toEqual(outcome(runtime.pack, value));
          if (!generated.ok) rejected++;
          const params = (value as Json | null)?.parameters;
          expect(outcome(RGO_PACK_VALIDATORS.parameters, params)).toEqual(
            outcome(runtime.parameters, params),
          );
          // And the whole check, worded, as text or value.
          const input = asText ? JSON.stringify(value) : value;
          expect(validateRgoPack(input)).toEqual(validatePack(input, RGO_REGISTRY));
        },
      ),
      { numRuns: 200 },
    );
    // The edits really exercise the errors (a random replacement usually breaks the schema).
    expect(rejected).toBeGreaterThan(50);
  });
});

describe("built-in packs validated by the build", () => {
  it.each(Object.keys(BUILTIN_PACKS))(
    "%s: the unchecked pack is exactly what full validation returns",
    (name) => {
      const full = validatePack(packFile(name), RGO_REGISTRY);
      expect(full.ok).toBe(true);
      const taken = validatedBuiltinPack(name);
      expect(taken).not.toBeNull();
      if (!full.ok || taken === null) return;
      expect(taken.hash).toBe(full.hash);
      expect(taken.pack).toEqual(full.pack);
      expect(taken.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    },
  );

  it("is not taken unchecked once changed, nor under an unknown name", () => {
    expect(validatedBuiltinPack("no-such-pack")).toBeNull();
    expect(validatedBuiltinPack("__proto__")).toBeNull();
    const original = BUILTIN_PACKS["seed-tier2"];
    try {
      const changed = structuredClone(original) as Json;
      changed.description = "edited after the build";
      BUILTIN_PACKS["seed-tier2"] = changed;
      expect(validatedBuiltinPack("seed-tier2")).toBeNull();
      BUILTIN_PACKS["seed-tier2"] = "not a pack";
      expect(validatedBuiltinPack("seed-tier2")).toBeNull();
      BUILTIN_PACKS["seed-tier2"] = { rules: 3 };
      expect(validatedBuiltinPack("seed-tier2")).toBeNull();
    } finally {
      BUILTIN_PACKS["seed-tier2"] = original;
    }
    expect(validatedBuiltinPack("seed-tier2")).not.toBeNull();
  });
});
