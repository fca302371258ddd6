/**
 * The layer order (rules <- engine <- workbook <- taskpane, cli) as a fact about src/: every relative
 * import is resolved to its file and checked against the order, the import graph has no circles,
 * and ESLint's per-folder rule refuses a planted upward import (so the rule really bites).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const SRC = path.join(ROOT, "src");
const ORDER: Record<string, number> = { rules: 0, engine: 1, workbook: 2, taskpane: 3, cli: 3 };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g;

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, "utf8");
    const targets: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const target = resolveImport(file, m[1] ?? m[2] ?? m[3]);
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

const layerOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0];
const rel = (file: string): string => path.relative(SRC, file);

describe("layers", () => {
  const graph = importGraph();

  it("reads every source file and resolves its relative imports", () => {
    expect(graph.size).toBeGreaterThan(100);
    const unresolved: string[] = [];
    for (const file of graph.keys()) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (spec.startsWith(".") && !resolveImport(file, spec))
          unresolved.push(`${rel(file)} -> ${spec}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it("imports only downward (rules <- engine <- workbook <- taskpane, cli)", () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (from === to) continue;
        if (!(ORDER[to] < ORDER[from])) upward.push(`${rel(file)} -> ${rel(target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("has no import circles", () => {
    // Tarjan's strongly connected components: any component with two or more files is a circle.
    let index = 0;
    const indexOf = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (v: string): void => {
      indexOf.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!indexOf.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
        }
      }
      if (low.get(v) === indexOf.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(rel(w));
        } while (w !== v);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
    expect(circles).toEqual([]);
  });

  const lintPlanted = (file: string, code: string): string => {
    try {
      execFileSync(
        process.execPath,
        [path.join(ROOT, "node_modules/eslint/bin/eslint.js"), "--stdin", "--stdin-filename", file],
        { cwd: ROOT, input: code, stdio: ["pipe", "pipe", "pipe"] },
      );
      return "";
    } catch (error) {
      return String((error as { stdout?: Buffer }).stdout ?? "");
    }
  };

  it("ESLint refuses a planted upward import and accepts a downward one", () => {
    const upward = lintPlanted(
      "src/engine/input/planted.ts",
      'import type { WorkbookHost } from "../../workbook/workbook-host";\nexport type Planted = WorkbookHost;\n',
    );
    expect(upward).toMatch(/no-restricted-imports/);
    expect(upward).toMatch(/src\/engine may not import src\/workbook/);
    const rulesToEngine = lintPlanted(
      "src/rules/planted.ts",
      'import type { Issue } from "../engine/issue";\nexport type Planted = Issue;\n',
    );
    expect(rulesToEngine).toMatch(/src\/rules may not import src\/engine/);
    const downward = lintPlanted(
      "src/workbook/planted.ts",
      'import type { Issue } from "../engine/issue";\nexport type Planted = Issue;\n',
    );
    expect(downward).toBe("");
  }, 60_000);
});
