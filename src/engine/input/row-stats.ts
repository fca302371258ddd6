/** Row counts of one input table after validation. */
export interface RowStats {
  /** Data rows in the table (including blank and bad rows). */
  read: number;
  /** Rows used. */
  accepted: number;
  /** Entirely blank rows, skipped silently. */
  blank: number;
  /** Rows skipped because of a bad or missing required value, or as exact duplicates. */
  skipped: number;
}

export function emptyRowStats(read = 0): RowStats {
  return { read, accepted: 0, blank: 0, skipped: 0 };
}
