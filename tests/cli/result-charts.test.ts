/**
 * The CLI's results workbook of the seed run has its charts (issue 13): openpyxl reads them on
 * RGO Summary with the right types, titles and ranges, and LibreOffice draws them: page 1 of its
 * PDF has ink to the right of the summary's cells, where the charts are anchored, and the same
 * file with the charts stripped (same print extent, so the same scale) has none there while the
 * rest of the page is the same.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { convertWithLibreOffice, runPython } from "../workbook/external-tools";
import { SEED_DIR, runCli, tempDir } from "./run-cli";

const run = promisify(execFile);

interface OpenpyxlChart {
  sheet: string;
  type: string;
  title: string;
  values: string[];
  categories: string[];
  from: [number, number];
  to: [number, number];
}

const READ_CHARTS = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    for c in ws._charts:
        title = "".join(r.t for p in c.title.tx.rich.p for r in (p.r or []))
        out.append({
            "sheet": ws.title,
            "type": type(c).__name__,
            "title": title,
            "values": [s.val.numRef.f for s in c.series],
            "categories": [s.cat.strRef.f for s in c.series],
            "from": [c.anchor._from.col, c.anchor._from.row],
            "to": [c.anchor.to.col, c.anchor.to.row],
        })
print(json.dumps(out))
`;

/** A grey-scale page image (pdftoppm -gray writes binary PGM). */
interface Gray {
  width: number;
  height: number;
  px: Uint8Array;
}

function readPgm(file: string): Gray {
  const b = readFileSync(file);
  const header = b.subarray(0, 64).toString("latin1");
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error(`not a binary PGM: ${file}`);
  return { width: Number(m[1]), height: Number(m[2]), px: b.subarray(m[0].length) };
}

/** Page 1 of `xlsx` as LibreOffice prints it, at 50 dpi in grey. */
async function renderFirstPage(xlsx: string, dir: string): Promise<Gray> {
  await convertWithLibreOffice(xlsx, "pdf", dir, join(dir, "profile"));
  const pdf = xlsx.replace(/\.xlsx$/, ".pdf").replace(/^.*\//, `${dir}/`);
  const stem = join(dir, "page");
  await run("pdftoppm", ["-r", "50", "-gray", "-f", "1", "-l", "1", "-singlefile", pdf, stem], {
    timeout: 60_000,
  });
  return readPgm(`${stem}.pgm`);
}

/**
 * The workbook without its charts: RGO Summary's drawing element, relationship, parts and content
 * types removed, and a print area over the extent the charts gave the sheet (LibreOffice prints a
 * sheet's cells and drawings, fitted to the page width), so both print at the same scale.
 */
function stripCharts(file: string, out: string): void {
  const parts = unzipSync(new Uint8Array(readFileSync(file)));
  const text = (name: string): string => strFromU8(parts[name]);
  const drawing = text("xl/drawings/drawing1.xml");
  const lastCol = Math.max(
    ...[...drawing.matchAll(/<xdr:to><xdr:col>(\d+)</g)].map((m) => Number(m[1])),
  );
  const chartRow = Math.max(
    ...[...drawing.matchAll(/<xdr:to>.*?<xdr:row>(\d+)</g)].map((m) => Number(m[1])),
  );
  const sheet = text("xl/worksheets/sheet1.xml");
  const lastRow = Math.max(
    chartRow,
    ...[...sheet.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])),
  );
  const letter = (n: number): string =>
    n <= 26
      ? String.fromCharCode(64 + n)
      : letter(Math.floor((n - 1) / 26)) + letter(((n - 1) % 26) + 1);
  const kept: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    if (/^xl\/(charts|drawings)\//.test(name) || name === "xl/worksheets/_rels/sheet1.xml.rels")
      continue;
    kept[name] = data;
  }
  kept["xl/worksheets/sheet1.xml"] = strToU8(sheet.replace(/<drawing [^>]*\/>/, ""));
  kept["[Content_Types].xml"] = strToU8(
    text("[Content_Types].xml").replace(
      /<Override PartName="\/xl\/(charts|drawings)\/[^>]*\/>/g,
      "",
    ),
  );
  kept["xl/workbook.xml"] = strToU8(
    text("xl/workbook.xml").replace(
      "</sheets>",
      `</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'RGO Summary'!$A$1:$${letter(lastCol)}$${lastRow}</definedName></definedNames>`,
    ),
  );
  writeFileSync(out, zipSync(kept));
}

describe("the seed run's results workbook", () => {
  const dir = tempDir("result-charts");
  const file = join(dir, "results.xlsx");
  beforeAll(async () => {
    const r = await runCli([
      "analyze",
      SEED_DIR,
      "--rules",
      "seed-tier2",
      "--out",
      file,
      "--quiet",
    ]);
    expect(r.code).toBe(0);
  }, 120_000);

  test("openpyxl reads the charts of RGO Summary: a pie and a bar over its risk tables", async () => {
    const charts = JSON.parse(await runPython(READ_CHARTS, [file])) as OpenpyxlChart[];
    // seed-tier2 attributes no cause and sets one segment with one value: the pie is by gap type,
    // the bars by priority band (the breakdowns with several values).
    expect(charts.map((c) => [c.sheet, c.type, c.title])).toEqual([
      ["RGO Summary", "PieChart", "Revenue at risk by gap type (per week)"],
      ["RGO Summary", "BarChart", "Revenue at risk by priority band (per week)"],
    ]);
    for (const c of charts) {
      expect(c.values).toHaveLength(1);
      // Values in column C and categories in column A of the same rows of RGO Summary.
      const v = /^'RGO Summary'!\$C\$(\d+)(?::\$C\$(\d+))?$/.exec(c.values[0]);
      const k = /^'RGO Summary'!\$A\$(\d+)(?::\$A\$(\d+))?$/.exec(c.categories[0]);
      expect(v).not.toBeNull();
      expect(k?.slice(1)).toEqual(v?.slice(1));
      // 8 columns x 16 rows, right of the report's columns, stacked.
      expect(c.to[0] - c.from[0]).toBe(8);
      expect(c.to[1] - c.from[1]).toBe(16);
    }
    expect(charts[1].from[1]).toBe(charts[0].to[1] + 2);
  }, 60_000);

  test("LibreOffice draws them: ink right of the cells that the chart-less file does not have", async () => {
    const withCharts = await renderFirstPage(file, tempDir("lo-with"));
    const bare = join(dir, "bare.xlsx");
    stripCharts(file, bare);
    const without = await renderFirstPage(bare, tempDir("lo-without"));
    expect([withCharts.width, withCharts.height]).toEqual([without.width, without.height]);
    const { width, height } = without;
    const ink = (g: Gray, i: number): boolean => g.px[i] < 240;
    // The right edge of the cells: the last inked column of the chart-less page.
    let edge = 0;
    for (let y = 0; y < height; y++)
      for (let x = edge + 1; x < width; x++) if (ink(without, y * width + x)) edge = x;
    let right = { with: 0, without: 0 };
    let left = { ink: 0, differ: 0 };
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        if (x > edge) {
          right = {
            with: right.with + (ink(withCharts, i) ? 1 : 0),
            without: right.without + (ink(without, i) ? 1 : 0),
          };
        } else {
          left = {
            ink: left.ink + (ink(without, i) ? 1 : 0),
            differ: left.differ + (Math.abs(withCharts.px[i] - without.px[i]) > 64 ? 1 : 0),
          };
        }
      }
    // The cells print alike (same scale), so the comparison is fair ...
    expect(left.ink).toBeGreaterThan(5000);
    expect(left.differ).toBeLessThan(left.ink * 0.05);
    // ... and the charts' place is inked only when the charts are there (two 8 x 16-cell charts
    // at 50 dpi: frames, titles, the pie and the bars; 1,708 pixels when this was written).
    expect(right.without).toBe(0);
    expect(right.with).toBeGreaterThan(800);
  }, 240_000);
});
