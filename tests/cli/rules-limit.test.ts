/** A --rules file that never ends (/dev/zero) fails fast with exit 2, not after 600 MB. */
import { runCli, SEED_DIR } from "./run-cli";

test("--rules /dev/zero: exit 2, says it is too large for a rule pack", async () => {
  const before = process.memoryUsage().rss;
  const t0 = Date.now();
  const run = await runCli(["analyze", SEED_DIR, "--rules", "/dev/zero", "--quiet"]);
  expect(run.code).toBe(2);
  expect(run.err).toMatch(
    /cannot read rule pack \/dev\/zero: larger than 8 MB; a rule pack is a small JSON file/,
  );
  expect(Date.now() - t0).toBeLessThan(5000);
  expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
});
