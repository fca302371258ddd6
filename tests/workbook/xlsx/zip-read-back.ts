/**
 * Reading a written zip back for the zip writers' tests (zip-file-writer, zip-memory-writer): a
 * part's bytes through the repo's own zip reader, and random parts to write.
 */
import fc from "fast-check";
import { DEFAULT_LIMITS } from "../../../src/workbook/xlsx/limits";
import { InflateBudget, inflateEntry, readZipDirectory } from "../../../src/workbook/xlsx/zip";

/** The part `name` of the zip `bytes`, inflated by the repo's zip reader. */
export function inflated(bytes: Uint8Array, name: string): Buffer {
  const entry = readZipDirectory(bytes).find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no ${name}`);
  const chunks: Buffer[] = [];
  inflateEntry(
    bytes,
    entry,
    new InflateBudget({ ...DEFAULT_LIMITS, maxCompressionRatio: 1e9 }),
    (c) => chunks.push(Buffer.from(c)),
  );
  return Buffer.concat(chunks);
}

/** A random part: written in one call (`small`) or as chunks of text (any characters) and bytes. */
export const randomPart = fc.record({
  small: fc.boolean(),
  chunks: fc.array(
    fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }),
      fc.constantFrom("<row>\u00e9\u4e2d\ud83d\ude00</row>", ""),
    ),
    { maxLength: 6 },
  ),
});
