/**
 * The results writer's zip container (src/workbook/xlsx-writer/zip-file-writer.ts), read back by
 * the repo's own zip reader (src/workbook/xlsx/zip.ts) and by Python's zipfile (`testzip`: every CRC): random parts
 * (names, text with any characters, binary, empty, several chunks, larger than a write batch)
 * come back byte for byte, with the CRC-32 zlib computes over the original bytes and the sizes in
 * the local headers (no data descriptors).
 */
import { execFileSync } from "node:child_process";
import { createReadStream, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import fc from "fast-check";
import { ZipFileWriter } from "../../../src/workbook/xlsx-writer/zip-file-writer";
import { readZipDirectory } from "../../../src/workbook/xlsx/zip";
import { inflated, randomPart } from "./zip-read-back";
import { runPython, tempDir } from "../external-tools";

const dir = tempDir("zip-writer");

let n = 0;
test("random parts come back byte for byte, in order, with their CRC and sizes", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(randomPart, { minLength: 1, maxLength: 6 }), async (parts) => {
      const file = path.join(dir, `random-${n++}.zip`);
      const zip = await ZipFileWriter.create(file);
      const expected: Buffer[] = [];
      for (let i = 0; i < parts.length; i++) {
        const bytes = parts[i].chunks.map((c) =>
          typeof c === "string" ? Buffer.from(c, "utf8") : Buffer.from(c),
        );
        expected.push(Buffer.concat(bytes));
        if (parts[i].small) await zip.addSmallPart(`xl/part${i}.xml`, Buffer.concat(bytes));
        else await zip.addPart(`xl/part${i}.xml`, parts[i].chunks);
      }
      await zip.close();
      const bytes = new Uint8Array(readFileSync(file));
      const entries = readZipDirectory(bytes);
      expect(entries.map((e) => e.name)).toEqual(parts.map((_, i) => `xl/part${i}.xml`));
      entries.forEach((e, i) => {
        expect(inflated(bytes, e.name).equals(expected[i])).toBe(true);
        expect(e.crc32 >>> 0).toBe(zlib.crc32(expected[i]) >>> 0);
        expect(e.declaredSize).toBe(expected[i].length);
        // The local header carries the same CRC and sizes (flag bit 3 clear).
        const at = e.localOffset;
        expect(Buffer.from(bytes.buffer, bytes.byteOffset).readUInt16LE(at + 6) & 8).toBe(0);
        expect(Buffer.from(bytes.buffer, bytes.byteOffset).readUInt32LE(at + 14)).toBe(
          e.crc32 >>> 0,
        );
        expect(Buffer.from(bytes.buffer, bytes.byteOffset).readUInt32LE(at + 18)).toBe(
          e.compressedSize,
        );
      });
    }),
    { numRuns: 40 },
  );
});

test("a part larger than a write batch, in many chunks, passes Python's zipfile CRC check", async () => {
  const file = path.join(dir, "big.zip");
  const rows = Array.from(
    { length: 40_000 },
    (_, i) => `<row r="${i + 1}"><c><v>${Math.sin(i)}</v></c></row>`,
  );
  const zip = await ZipFileWriter.create(file);
  await zip.addSmallPart("a.txt", "first");
  await zip.addPart(
    "sheet.xml",
    (function* () {
      for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000).join("");
    })(),
  );
  await zip.addSmallPart("b.txt", "last");
  await zip.close();
  const check =
    "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), len(z.namelist()))";
  expect((await runPython(check, [file])).trim()).toBe("None 3");
  const bytes = new Uint8Array(readFileSync(file));
  expect(inflated(bytes, "sheet.xml").toString("utf8")).toBe(rows.join(""));
  expect(inflated(bytes, "b.txt").toString("utf8")).toBe("last");
});

test("a failing part stops the write with its error", async () => {
  const zip = await ZipFileWriter.create(path.join(dir, "failed.zip"));
  await expect(
    zip.addPart(
      "x.xml",
      (function* () {
        yield "<a>";
        throw new Error("no more rows");
      })(),
    ),
  ).rejects.toThrow("no more rows");
  await zip.abort();
});

test("a pipe (no seeking) gets the parts in order with data descriptors, readable as a zip", async () => {
  const fifo = path.join(dir, "pipe");
  execFileSync("mkfifo", [fifo]);
  const received: Buffer[] = [];
  const reading = new Promise<void>((resolve, reject) =>
    createReadStream(fifo)
      .on("data", (c) => received.push(c as Buffer))
      .on("end", resolve)
      .on("error", reject),
  );
  const text = Array.from({ length: 30_000 }, (_, i) => `<c><v>${i / 7}</v></c>`);
  const zip = await ZipFileWriter.create(fifo);
  await zip.addSmallPart("first.xml", "<a/>");
  await zip.addPart("sheet.xml", [text.slice(0, 15_000).join(""), text.slice(15_000).join("")]);
  await zip.close();
  await reading;
  const bytes = new Uint8Array(Buffer.concat(received));
  const entries = readZipDirectory(bytes);
  expect(entries.map((e) => e.name)).toEqual(["first.xml", "sheet.xml"]);
  expect(inflated(bytes, "sheet.xml").toString("utf8")).toBe(text.join(""));
  expect(entries[1].crc32 >>> 0).toBe(zlib.crc32(Buffer.from(text.join(""))) >>> 0);
  const check = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip())";
  const copy = path.join(dir, "from-pipe.zip");
  writeFileSync(copy, bytes);
  expect((await runPython(check, [copy])).trim()).toBe("None");
});
