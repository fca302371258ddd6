/**
 * Ajv compilation of a registry's two schemas (the pack schema and the parameters schema), with
 * one set of options for both uses: as functions (compilePackValidators: a registry without
 * generated validators, i.e. tests and tools; Ajv builds them with `new Function`) and as source
 * code (packValidatorsSource: scripts/generate-pack-validators.js writes it, the CLI and the pane
 * load it as plain code, so no schema is compiled and nothing is evaluated at run time).
 * Loading this module costs about 60 ms (Ajv's compiler): validate-pack.ts requires it only for a
 * registry that carries no generated validators.
 */
import Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone";
import { buildPackSchema } from "./pack-schema";
import type { PackValidators, SchemaValidator } from "./pack-validators";
import type { PackRegistry } from "./registry";

function newAjv(source: boolean): Ajv {
  // inlineRefs: false keeps the per-depth condition definitions from being compiled many times over.
  return new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    inlineRefs: false,
    ...(source ? { code: { source: true, esm: true, lines: true } } : {}),
  });
}

/** Compiles the registry's validators at run time (throws when a schema does not compile). */
export function compilePackValidators(registry: PackRegistry): PackValidators {
  const pack: SchemaValidator = newAjv(false).compile(buildPackSchema(registry));
  const parameters: SchemaValidator = newAjv(false).compile(registry.parametersSchema);
  return { pack, parameters };
}

/**
 * Drops Ajv's `const schemaN = {…};` lines that no code refers to (Ajv keeps each compiled schema
 * in its scope; the generated functions use only the few they test values against).
 */
function withoutUnusedConstants(code: string): string {
  const lines = code.split("\n");
  const words = new Map<string, number>();
  for (const m of code.matchAll(/\bschema\d+\b/g)) words.set(m[0], (words.get(m[0]) ?? 0) + 1);
  return lines
    .filter((line) => {
      const m = /^const (schema\d+) = /.exec(line);
      return m === null || (words.get(m[1]) ?? 0) > 1;
    })
    .join("\n");
}

/** What packValidatorsSource writes around the generated code. */
export interface ValidatorsModuleOptions {
  /** The first comment of the module (what it is, how to regenerate it). */
  header: string;
  /** The exported constant, typed PackValidators. */
  exportName: string;
  /** The import path of pack-validators.ts from the module. */
  typesImport: string;
}

/**
 * A TypeScript module exporting the registry's validators as plain code (`exportName`, typed
 * PackValidators). Ajv's runtime helpers (`require("ajv/dist/runtime/…").default`) become default
 * imports, so the module is an ES module for tsc and webpack alike. The generated code is not
 * type-checked, linted or formatted (`// @ts-nocheck`, .prettierignore, eslint's ignores).
 */
export function packValidatorsSource(
  registry: PackRegistry,
  options: ValidatorsModuleOptions,
): string {
  const ajv = newAjv(true);
  ajv.addSchema(buildPackSchema(registry), "pack");
  ajv.addSchema(registry.parametersSchema, "parameters");
  const code = standaloneCode(ajv, { pack: "pack", parameters: "parameters" })
    .replace(/^"use strict";\n?/, "")
    .replace(/^export const (pack|parameters) = /gm, "const $1Validator = ");
  const imports = new Map<string, string>();
  const body = withoutUnusedConstants(code).replace(
    /require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)\.default/g,
    (_m, path: string) => {
      let local = imports.get(path);
      if (local === undefined) {
        local = `ajvRuntime${imports.size}`;
        imports.set(path, local);
      }
      return local;
    },
  );
  return [
    options.header.trimEnd(),
    "// @ts-nocheck",
    ...[...imports].map(([path, local]) => `import ${local} from "${path}";`),
    `import type { PackValidators } from "${options.typesImport}";`,
    body.trimEnd(),
    `export const ${options.exportName}: PackValidators = {`,
    "  pack: packValidator,",
    "  parameters: parametersValidator,",
    "};",
    "",
  ].join("\n");
}
