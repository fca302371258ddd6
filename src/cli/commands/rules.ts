import { parseArgs } from "node:util";
import { RGO_REGISTRY } from "../../engine/registry/rgo-registry";
import { BUILTIN_PACKS, builtinPackNames } from "../../rules/packs/builtin-packs";
import { buildPackSchema } from "../../rules/pack-schema";
import { isRgoError } from "../../engine/errors";
import { usageError } from "../cli-error";
import { loadPack } from "../load-pack";
import type { CliOutput } from "../output";
import { ensureFolderFor, writeTextAtomically } from "../output-safety/output-safety";

/**
 * `rgo rules schema [--out file.json]`: the JSON Schema of a rule pack for this build's registry
 * (facts per scope, operators per fact type, event types and params, the parameters schema), for
 * editors that validate and complete JSON as it is typed.
 */
async function schemaCommand(args: string[], io: CliOutput): Promise<number> {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: { out: { type: "string" } },
  });
  const text = JSON.stringify(buildPackSchema(RGO_REGISTRY, { embedParameters: true }), null, 2);
  if (values.out === undefined) {
    io.out(text + "\n");
    return 0;
  }
  await ensureFolderFor(values.out);
  await writeTextAtomically(values.out, text + "\n");
  return 0;
}

/** `rgo rules list | show <preset> | validate <file.json> | schema [--out file.json]`. */
export async function rulesCommand(args: string[], io: CliOutput): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "list": {
      for (const name of builtinPackNames()) {
        let description: string;
        try {
          description = (await loadPack(name)).pack.description;
        } catch (e) {
          if (!isRgoError(e) || e.kind !== "rules") throw e;
          description = "(invalid)";
        }
        io.out(`${name.padEnd(12)} ${description}\n`);
      }
      return 0;
    }
    case "show": {
      if (rest.length !== 1) throw usageError("rules show needs one built-in pack name");
      if (!Object.prototype.hasOwnProperty.call(BUILTIN_PACKS, rest[0])) {
        throw usageError(
          `unknown built-in pack "${rest[0]}": choose one of ${builtinPackNames().join(", ")}`,
        );
      }
      const { pack } = await loadPack(rest[0]);
      io.out(JSON.stringify(pack, null, 2) + "\n");
      return 0;
    }
    case "validate": {
      if (rest.length !== 1) throw usageError("rules validate needs one rule-pack file");
      const { pack, hash } = await loadPack(rest[0]);
      io.out(
        `${rest[0]}: valid rule pack "${pack.name}" ${pack.version}, ${pack.rules.length} rules, ${hash}\n`,
      );
      return 0;
    }
    case "schema":
      return schemaCommand(rest, io);
    default:
      throw usageError(
        `rules needs list, show <preset>, validate <file.json> or schema [--out file.json]${sub ? `, not "${sub}"` : ""}`,
      );
  }
}
