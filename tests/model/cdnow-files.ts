/**
 * Where the shared CDNOW files are: the shared/ folder next to the repository (as
 * tests/quality/cdnow.test.ts reads it: ../../../shared from tests/<dir>), or, for a git worktree
 * kept one level deeper (…/wt/<name>), next to the worktrees' folder. The data is never copied.
 */
import fs from "node:fs";
import path from "node:path";

export function cdnowFile(name: string): string {
  const candidates = [
    path.resolve(__dirname, "../../../shared/data/real/cdnow", name),
    path.resolve(__dirname, "../../../../shared/data/real/cdnow", name),
  ];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`CDNOW file not found: ${candidates.join(" or ")}`);
  return found;
}
