/**
 * The preview download's zip container (src/workbook/xlsx-writer/zip-memory-writer.ts), read back
 * by the repo's own zip reader (src/workbook/xlsx/zip.ts) and by Python's zipfile (`testzip`: every
 * CRC): random parts come back byte for byte with the CRC-32 zlib computes over the original bytes
 * and the sizes in the local headers, both with the native compressor (CompressionStream, Node's
 * here, the browser's in the pane) and with fflate; the hook between chunks runs once per chunk of
 * a big part and a throw there (a cancel) stops the write; a gzip member cut into random pieces
 * gives zlib's deflate data, CRC and size.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { CompressionStream } from "node:stream/web";
import fc from "fast-check";
import { concatBytes } from "../../../src/workbook/xlsx-charts/add-charts";
import {
  ZipMemoryWriter,
  gzipMember,
  type NativeCompression,
} from "../../../src/workbook/xlsx-writer/zip-memory-writer";
import { readZipDirectory } from "../../../src/workbook/xlsx/zip";
import { inflated, randomPart } from "./zip-read-back";
import { runPython, tempDir } from "../external-tools";

const dir = tempDir("zip-memory-writer");

const COMPRESSORS: [string, NativeCompression | null][] = [
  ["native (CompressionStream)", CompressionStream as unknown as NativeCompression],
  ["fflate", null],
];

test.each(COMPRESSORS)(
  "%s: random parts come back byte for byte, in order, with their CRC and sizes (property)",
  async (_, native) => {
    await fc.assert(
      fc.asyncProperty(fc.array(randomPart, { minLength: 1, maxLength: 6 }), async (parts) => {
        let pauses = 0;
        const zip = new ZipMemoryWriter(async () => {
          pauses++;
        }, native);
        const expected: Buffer[] = [];
        let bigChunks = 0;
        for (let i = 0; i < parts.length; i++) {
          const bytes = parts[i].chunks.map((c) =>
            typeof c === "string" ? Buffer.from(c, "utf8") : Buffer.from(c),
          );
          expected.push(Buffer.concat(bytes));
          if (parts[i].small) await zip.addSmallPart(`xl/part${i}.xml`, Buffer.concat(bytes));
          else {
            bigChunks += bytes.filter((b) => b.length > 0).length;
            await zip.addPart(`xl/part${i}.xml`, parts[i].chunks);
          }
        }
        expect(pauses).toBe(bigChunks);
        const bytes = concatBytes(zip.finish());
        const entries = readZipDirectory(bytes);
        expect(entries.map((e) => e.name)).toEqual(parts.map((_, i) => `xl/part${i}.xml`));
        const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        entries.forEach((e, i) => {
          expect(inflated(bytes, e.name).equals(expected[i])).toBe(true);
          expect(e.crc32 >>> 0).toBe(zlib.crc32(expected[i]) >>> 0);
          expect(e.declaredSize).toBe(expected[i].length);
          // The local header carries the same CRC and sizes (flag bit 3 clear).
          const at = e.localOffset;
          expect(view.readUInt16LE(at + 6) & 8).toBe(0);
          expect(view.readUInt32LE(at + 14)).toBe(e.crc32 >>> 0);
          expect(view.readUInt32LE(at + 18)).toBe(e.compressedSize);
          expect(view.readUInt32LE(at + 22)).toBe(expected[i].length);
        });
      }),
      { numRuns: 40 },
    );
  },
);

test.each(COMPRESSORS)(
  "%s: a part of many chunks passes Python's zipfile CRC check",
  async (_, native) => {
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `<row r="${i + 1}"><c><v>${Math.sin(i)}</v></c></row>`,
    );
    const zip = new ZipMemoryWriter(undefined, native);
    await zip.addSmallPart("a.txt", "first");
    await zip.addPart(
      "sheet.xml",
      (function* () {
        for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000).join("");
      })(),
    );
    await zip.addSmallPart("b.txt", "last");
    const bytes = concatBytes(zip.finish());
    const file = path.join(dir, `big-${native === null ? "fflate" : "native"}.zip`);
    writeFileSync(file, bytes);
    const check =
      "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), len(z.namelist()))";
    expect((await runPython(check, [file])).trim()).toBe("None 3");
    expect(inflated(bytes, "sheet.xml").toString("utf8")).toBe(rows.join(""));
    expect(inflated(bytes, "b.txt").toString("utf8")).toBe("last");
  },
);

test.each(COMPRESSORS)(
  "%s: a throw between chunks (a cancel) stops the part with that error",
  async (_, native) => {
    let calls = 0;
    const zip = new ZipMemoryWriter(async () => {
      if (++calls === 2) throw new Error("cancelled");
    }, native);
    await expect(zip.addPart("x.xml", ["<a>", "<b/>", "</a>"])).rejects.toThrow("cancelled");
    expect(calls).toBe(2);
  },
);

test("a gzip member in random pieces gives zlib's deflate data, CRC and size (property)", () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ maxLength: 2000 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      (data, cuts) => {
        const gz = zlib.gzipSync(data);
        const at = [...new Set(cuts.map((c) => c % (gz.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...at].map((from, i) => gz.subarray(from, [...at, gz.length][i]));
        const { deflated, crc, isize } = gzipMember(pieces);
        expect(
          Buffer.from(zlib.inflateRawSync(concatBytes(deflated))).equals(Buffer.from(data)),
        ).toBe(true);
        expect(crc).toBe(zlib.crc32(data) >>> 0);
        expect(isize).toBe(data.length);
      },
    ),
  );
  expect(() =>
    gzipMember([new Uint8Array([0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0])]),
  ).toThrow("not a plain gzip member");
});
