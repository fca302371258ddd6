/**
 * The text of a CSV file and the encoding it was read in: UTF-8 (with or without a byte-order
 * mark), UTF-16 with a byte-order mark, otherwise Windows-1252 (what Excel on Windows writes for
 * "CSV" and what most Latin-1 files really are). Bytes that are not valid UTF-8 are never turned
 * into U+FFFD: a Latin-1 "Müller" stays "Müller". No Node imports (TextDecoder only).
 */
export type CsvEncoding = "UTF-8" | "UTF-8 with BOM" | "UTF-16 LE" | "UTF-16 BE" | "Windows-1252";

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16 LE" };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16 BE" };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
      bom ? bytes.subarray(3) : bytes,
    );
    return { text, encoding: bom ? "UTF-8 with BOM" : "UTF-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "Windows-1252" };
  }
}

/** A UTF-8 file's bytes after its byte-order mark, whether they are all ASCII, and the encoding. */
export interface Utf8Body {
  bytes: Uint8Array;
  ascii: boolean;
  encoding: "UTF-8" | "UTF-8 with BOM";
}

/**
 * The bytes `decodeCsvBytes` would decode as UTF-8, undecoded (the byte scanner reads them in
 * place): undefined when it would read them another way (a UTF-16 byte-order mark, or bytes that
 * are not valid UTF-8). An all-ASCII file is recognised by `asciiTest` (by default OR-ing it a
 * word at a time; the Node reader passes `buffer.isAscii`, native and several times faster on a
 * 30 MB file); any other is checked once by the same fatal decoder `decodeCsvBytes` uses.
 */
export function utf8Body(
  bytes: Uint8Array,
  /** The all-ASCII test: `isAscii` below, or Node's native `buffer.isAscii` (the same answer). */
  asciiTest: (bytes: Uint8Array) => boolean = isAscii,
): Utf8Body | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return undefined;
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return undefined;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const ascii = asciiTest(body);
  if (!ascii) {
    try {
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return undefined;
    }
  }
  return { bytes: body, ascii, encoding: bom ? "UTF-8 with BOM" : "UTF-8" };
}

/** Whether every byte is below 0x80 (no Node import: the pane's readers use this file too). */
export function isAscii(bytes: Uint8Array): boolean {
  let k = 0;
  let high = 0;
  const n = bytes.length;
  while (k < n && (bytes.byteOffset + k) % 4 !== 0) high |= bytes[k++];
  const words = (n - k) >> 2;
  if (words > 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + k, words);
    for (let w = 0; w < words; w++) high |= view[w];
    k += words * 4;
  }
  while (k < n) high |= bytes[k++];
  return (high & 0x80808080) === 0;
}
