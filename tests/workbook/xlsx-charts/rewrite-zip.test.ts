/**
 * The zip rewrite under the chart parts: CRC-32 as zip defines it, untouched parts copied as
 * stored (their compressed bytes identical), replaced and added parts readable by fflate's own
 * unzip, and random archives round-trip.
 */
import fc from "fast-check";
import { strToU8, unzipSync, zipSync } from "fflate";
import { crc32 } from "../../../src/workbook/xlsx-charts/crc32";
import { concatBytes } from "../../../src/workbook/xlsx-charts/add-charts";
import { rewriteZip } from "../../../src/workbook/xlsx-charts/rewrite-zip";
import { entryDataStart, readZipDirectory } from "../../../src/workbook/xlsx/zip";

test("CRC-32 check values: the standard '123456789' and the empty input", () => {
  expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
  expect(crc32(new Uint8Array(0))).toBe(0);
  expect(crc32(strToU8("The quick brown fox jumps over the lazy dog"))).toBe(0x414fa339);
});

test("untouched parts keep their stored bytes; replaced and added parts read back", () => {
  const original = zipSync({
    "a.xml": strToU8("<a>" + "x".repeat(5000) + "</a>"),
    "dir/b.bin": new Uint8Array([1, 2, 3, 250]),
    "c.txt": [strToU8("stored"), { level: 0 }],
  });
  const entries = readZipDirectory(original);
  const out = concatBytes(
    rewriteZip(original, entries, new Map([["c.txt", strToU8("replaced")]]), [
      { name: "new/part.xml", data: strToU8("<new/>") },
      { name: "ünïcode.txt", data: strToU8("named in UTF-8") },
    ]),
  );
  const read = unzipSync(out);
  expect(Object.keys(read)).toEqual(["a.xml", "dir/b.bin", "c.txt", "new/part.xml", "ünïcode.txt"]);
  expect(new TextDecoder().decode(read["a.xml"])).toBe("<a>" + "x".repeat(5000) + "</a>");
  expect([...read["dir/b.bin"]]).toEqual([1, 2, 3, 250]);
  expect(new TextDecoder().decode(read["c.txt"])).toBe("replaced");
  expect(new TextDecoder().decode(read["new/part.xml"])).toBe("<new/>");
  expect(new TextDecoder().decode(read["ünïcode.txt"])).toBe("named in UTF-8");
  const after = readZipDirectory(out);
  for (const name of ["a.xml", "dir/b.bin"]) {
    const e0 = entries.find((e) => e.name === name)!;
    const e1 = after.find((e) => e.name === name)!;
    const s0 = entryDataStart(original, e0);
    const s1 = entryDataStart(out, e1);
    expect(e1.crc32).toBe(e0.crc32);
    expect(Buffer.from(out.subarray(s1, s1 + e1.compressedSize))).toEqual(
      Buffer.from(original.subarray(s0, s0 + e0.compressedSize)),
    );
  }
});

test("property: any archive rewritten with parts replaced and added reads back as expected", () => {
  const name = fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,8})?\.(xml|bin)$/);
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(name, fc.uint8Array({ maxLength: 300 })), {
        minLength: 1,
        maxLength: 6,
        selector: (t) => t[0],
      }),
      fc.uint8Array({ maxLength: 200 }),
      fc.nat(),
      (files, data, pick) => {
        const original = zipSync(Object.fromEntries(files));
        const entries = readZipDirectory(original);
        const target = files[pick % files.length][0];
        const out = concatBytes(
          rewriteZip(original, entries, new Map([[target, data]]), [
            { name: "zz/added.xml", data },
          ]),
        );
        const read = unzipSync(out);
        const expected = Object.fromEntries(files.map(([n, d]) => [n, n === target ? data : d]));
        expect(Object.keys(read)).toEqual([...files.map((f) => f[0]), "zz/added.xml"]);
        for (const [n, d] of Object.entries(expected)) expect([...read[n]]).toEqual([...d]);
        expect([...read["zz/added.xml"]]).toEqual([...data]);
      },
    ),
    { numRuns: 100 },
  );
});
