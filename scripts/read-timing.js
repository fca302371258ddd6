"use strict";
/**
 * Time reading one .xlsx with the compiled reader (dist/): `node scripts/read-timing.js FILE
 * [old|new]`. Prints wall time, tables with row counts and peak RSS. Used to compare the exceljs
 * reader with src/workbook/xlsx/ on the benchmark workbook.
 */
const path = require("node:path");
const { performance } = require("node:perf_hooks");

async function main() {
  const [file, which = "new"] = process.argv.slice(2);
  if (!file) throw new Error("usage: node scripts/read-timing.js FILE [old|new]");
  const dist = path.resolve(__dirname, "..", "dist", "workbook");
  const read =
    which === "old"
      ? require(path.join(dist, "xlsx-reader.js")).readXlsx
      : require(path.join(dist, "xlsx", "read-xlsx-file.js")).readXlsxFile;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const book = await read(file);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const tables = book.tables.map((t) => `${t.name} ${t.rows.length}`).join(", ");
  const rss = (process.resourceUsage().maxRSS / 1024).toFixed(0);
  const cpuS = ((cpu.user + cpu.system) / 1e6).toFixed(2);
  console.log(
    `${which}\t${(ms / 1000).toFixed(2)} s wall\t${cpuS} s cpu\t${tables}\tpeak ${rss} MB`,
  );
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
