/** "Did you mean …?" for misspelt names. */

/** Levenshtein edit distance (small strings). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate (case-insensitive match first, then edit distance <= 2 or a third of the length), or null. */
export function closestName(input: string, candidates: readonly string[]): string | null {
  if (input.length > 100) return null;
  const lower = input.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower);
  if (exactCase !== undefined) return exactCase;
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(input.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** "`a`, `b` and `c`" (a short list of names for messages). */
export function nameList(names: readonly string[], max = 30): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  const more = names.length > max ? ` (and ${names.length - max} more)` : "";
  if (shown.length === 0) return "none";
  if (shown.length === 1) return shown[0] + more;
  return shown.slice(0, -1).join(", ") + " and " + shown[shown.length - 1] + more;
}
