/**
 * A small built-in CSV that the byte scan (csv-columns.ts `scanCsvBytes`) reads once before the
 * first file, so that every operation of the row scan's run (`CsvRowScan.plainRows`) has been
 * executed, with its type feedback, before the engine compiles it. Without it the run compiled
 * while reading one file (customers.csv: no money column) is thrown away at the first operation
 * that file never reached (the next file's first amount), and the run goes on in slower code
 * while the engine compiles it again (about 20-40 ms of a million-row file, measured).
 *
 * Nothing of this scan is kept; it changes no result. Its rows pass each way through the run:
 * predicted codes ending at a delimiter, a line end (LF, CRLF, CR) and the end of the text;
 * codes found by hash; empty fields; money fields with and without sign and decimals, zero and
 * minus zero, longer than 15 units, and text that is not money; a quoted field, a short and a
 * long row (left to the whole grammar).
 */

/** The warm-up CSV's bytes (ASCII). */
export function warmUpCsv(): Uint8Array {
  const amounts = [
    "12.50",
    "-3.25",
    "0",
    "7.5",
    "-0",
    "1e3",
    "x",
    "",
    "123456789012.34",
    "-.5",
    "9.",
  ];
  const ends = ["\n", "\n", "\r\n", "\n", "\r"];
  let csv = "id,week,amount,store,note\n";
  for (let r = 0; r < 72; r++) {
    const amount = `${amounts[r % amounts.length]}${r % 3 === 0 ? "" : r}`;
    const note = r % 7 === 0 ? "" : `n${r % 5}`;
    let row = `C${r >> 3},2025-01-${r % 6},${amount},S${r >> 5},${note}`;
    if (r === 30) row = `"C${r}",2025-01-01,1,S1,n`; // a quoted field
    if (r === 40) row = `C${r},2025-01-01`; // a short row
    if (r === 50) row = `${row},extra`; // a long row
    csv += row + ends[r % ends.length];
  }
  csv += "C99,2025-01-02,1.25,S9,n4"; // the last row without a line end
  const bytes = new Uint8Array(csv.length);
  for (let k = 0; k < csv.length; k++) bytes[k] = csv.charCodeAt(k);
  return bytes;
}
