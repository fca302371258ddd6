/**
 * RFC 4180 CSV parser (pure): quoted fields, doubled quotes, CRLF / LF / CR line ends, a leading
 * byte-order mark, newlines inside quoted fields. The delimiter is sniffed from the first record
 * (`,` `;` or tab, the most frequent outside quotes; `,` when none occurs) unless given.
 *
 * Lenient where Excel is lenient: a quote inside an unquoted field is kept as a character, and
 * text after a closing quote is appended to the field. A final line end does not create an empty
 * record. A line with nothing on it is returned as a record with one empty field.
 */

export interface ParsedCsv {
  header: string[];
  rows: string[][];
  delimiter: string;
  /** A quoted field that never closes: the 1-based line it opens on and the lines after it. */
  unclosedQuote?: { line: number; linesSwallowed: number };
}

/** 1-based line of position `at` and the number of line ends after it (CRLF, LF or CR each one). */
function lineInfo(text: string, at: number): { line: number; linesSwallowed: number } {
  const count = (from: number, to: number): number => {
    let n = 0;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
    }
    return n;
  };
  // A final line end does not start a line.
  const end = /\r?\n$|\r$/.test(text) ? text.length - (text.endsWith("\r\n") ? 2 : 1) : text.length;
  return { line: count(0, at) + 1, linesSwallowed: count(at, end) };
}

const CANDIDATES = [",", ";", "\t"];

/** Pick the delimiter: the candidate that occurs most often, outside quotes, in the first record. */
export function sniffDelimiter(text: string): string {
  const counts = [0, 0, 0];
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes) {
      if (ch === "\n" || ch === "\r") break;
      const k = CANDIDATES.indexOf(ch);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return CANDIDATES[best];
}

/** Parse CSV text into a header (first record, trimmed) and data rows (cells as written). */
export function parseCsv(text: string, options?: { delimiter?: string }): ParsedCsv {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = options?.delimiter ?? sniffDelimiter(text);
  const d = delimiter.charCodeAt(0);
  const records: string[][] = [];
  const n = text.length;
  let record: string[] = [];
  let i = 0;
  let unclosedAt = -1;
  if (n === 0) return { header: [], rows: [], delimiter };
  // Each iteration reads one field starting at i.
  for (;;) {
    let field: string;
    if (i < n && text.charCodeAt(i) === 34 /* " */) {
      // Quoted field.
      let out = "";
      let start = i + 1;
      let j = start;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          // Unterminated quote: take the rest of the text (the caller reports it).
          unclosedAt = i;
          out += text.slice(start);
          j = n;
          break;
        }
        if (q + 1 < n && text.charCodeAt(q + 1) === 34) {
          out += text.slice(start, q + 1);
          j = q + 2;
          start = j;
          continue;
        }
        out += text.slice(start, q);
        j = q + 1;
        break;
      }
      // Anything between the closing quote and the next delimiter / line end is appended.
      let k = j;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      if (k > j) out += text.slice(j, k);
      field = out;
      i = k;
    } else {
      let k = i;
      while (k < n) {
        const c = text.charCodeAt(k);
        if (c === d || c === 10 || c === 13) break;
        k++;
      }
      field = text.slice(i, k);
      i = k;
    }
    record.push(field);
    if (i >= n) {
      records.push(record);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      continue;
    }
    // Line end: CRLF, LF or CR.
    i += c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    records.push(record);
    record = [];
    if (i >= n) break;
  }
  const header = (records.length > 0 ? records[0] : []).map((h) => h.trim());
  const parsed: ParsedCsv = { header, rows: records.slice(1), delimiter };
  if (unclosedAt >= 0) parsed.unclosedQuote = lineInfo(text, unclosedAt);
  return parsed;
}
