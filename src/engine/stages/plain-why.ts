/**
 * Cause-specific plain words for a finance reader, built from a customer's facts with units:
 * "recent 4-week average $48.10 is 41% below the 6-week baseline $81.52; 3 of 4 recent weeks had
 * 70% of store 101's SKUs out of stock; no purchase in the last 3 weeks while the store was in
 * stock". Each clause appears only when its facts exist (any pack gets the decline clause; the
 * stockout and noise clauses need the stockout-robust facts of the metrics stage).
 */
import { formatMoney, formatNumber } from "../../rules/format-value";
import type { FactRecord, FactSpec, Scalar } from "../../rules/types";
import type { WindowParameters } from "../parameters/pack-parameters";
import type { GapMeasure } from "./measure-gaps";
import { NO_STOCK_NOTE } from "./stock-wording";
import { type PeriodUnit, type PeriodWords, periodWords } from "../input/period";

const num = (v: Scalar | null | undefined): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;

/** The facts the clauses read, looked up once per row (shares in percent points). */
interface PlainFacts {
  baselineAvg: number | null;
  expectedAvg: number | null;
  noiseSd: number | null;
  shortfallZ: number | null;
  zeroWeeksCurrent: number | null;
  trailingZeroWeeks: number | null;
  trailingZeroInStockWeeks: number | null;
  stockoutWeeksCurrent: number | null;
  stockoutDepth: number | null;
  stockoutExplainedShare: number | null;
  inStockDeclinePct: number | null;
  sharpDropWeeks: number | null;
  /** "store 101's" or "the store's". */
  store: string;
}

/** A share fact in percent points, whatever its registered unit (ratio 0..1 or percent). */
function points(
  v: number | null,
  name: string,
  specs: ReadonlyMap<string, FactSpec>,
): number | null {
  if (v === null) return null;
  return specs.get(name)?.unit === "percent" ? v : v * 100;
}

function readFacts(facts: FactRecord, specs: ReadonlyMap<string, FactSpec>): PlainFacts {
  const id = facts.storeId;
  const storeText = typeof id === "number" ? String(id) : typeof id === "string" ? id.trim() : "";
  return {
    baselineAvg: num(facts.baselineAvg),
    expectedAvg: num(facts.expectedAvg),
    noiseSd: num(facts.noiseSd),
    shortfallZ: num(facts.shortfallZ),
    zeroWeeksCurrent: num(facts.zeroWeeksCurrent),
    trailingZeroWeeks: num(facts.trailingZeroWeeks),
    trailingZeroInStockWeeks: num(facts.trailingZeroInStockWeeks),
    stockoutWeeksCurrent: num(facts.stockoutWeeksCurrent),
    stockoutDepth: points(num(facts.stockoutDepth), "stockoutDepth", specs),
    stockoutExplainedShare: points(
      num(facts.stockoutExplainedShare),
      "stockoutExplainedShare",
      specs,
    ),
    inStockDeclinePct: num(facts.inStockDeclinePct),
    sharpDropWeeks: num(facts.sharpDropWeeks),
    store: storeText !== "" ? `store ${storeText}'s` : "the store's",
  };
}

/** Whole percent: 41.04 -> "41%", 0.4 -> "0.4%" (small non-zero values keep one decimal). */
export function wholePercent(pointsValue: number): string {
  const a = Math.abs(pointsValue);
  const s = a > 0 && a < 1 ? formatNumber(pointsValue, 1, true) : formatNumber(pointsValue, 0);
  return `${s}%`;
}

/** "1 week" / "3 weeks" ("1 month" / "3 months" in monthly data). */
const weeks = (n: number, u: PeriodWords = periodWords("week")): string =>
  `${formatNumber(n, 0)} ${n === 1 ? u.one : u.many}`;

/** True when the row's expected figure is the in-stock expected level rather than the plain baseline. */
function usesExpected(row: GapMeasure, f: PlainFacts): boolean {
  return (
    f.expectedAvg !== null &&
    Math.abs(row.expected - f.expectedAvg) < 0.005 &&
    (f.baselineAvg === null || Math.abs(f.expectedAvg - f.baselineAvg) >= 0.005)
  );
}

/** The decline clause: the row's current vs expected figures with the windows' lengths. */
function declineClause(
  row: GapMeasure,
  f: PlainFacts,
  w: WindowParameters,
  onExpected: boolean,
  money: (n: number) => string = formatMoney,
  stock = true,
  u: PeriodWords = periodWords("week"),
): string {
  const base = onExpected
    ? `the expected ${money(row.expected)} (${w.baselineWeeks}-${u.one} baseline${stock ? `, in-stock ${u.many} only` : ""})`
    : w.baselineAnchor === "first"
      ? `the first-${w.baselineWeeks}-${u.one} baseline ${money(row.expected)}`
      : `the ${w.baselineWeeks}-${u.one} baseline ${money(row.expected)}`;
  if (row.gapType === "zero_spend") {
    const zero = f.zeroWeeksCurrent ?? row.weeksAtRisk;
    return `no spend in ${formatNumber(zero, 0)} of the last ${weeks(w.currentWeeks, u)} against ${base} ${u.per}`;
  }
  const recent = `recent ${w.currentWeeks}-${u.one} average ${money(row.current)}`;
  if (row.expected > 0 && row.current < row.expected) {
    const pct = ((row.expected - row.current) / row.expected) * 100;
    return `${recent} is ${wholePercent(pct)} below ${base}`;
  }
  if (row.current === row.expected) return `${recent} equals ${base}`;
  return `${recent} is above ${base}`;
}

/** The expected level (when the row did not use it) and noise clause (stockout-robust facts). */
function noiseClause(
  f: PlainFacts,
  onExpected: boolean,
  money: (n: number) => string = formatMoney,
  stock = true,
  u: PeriodWords = periodWords("week"),
): string | null {
  const parts: string[] = [];
  const e = f.expectedAvg;
  if (
    e !== null &&
    e > 0 &&
    !onExpected &&
    (f.baselineAvg === null || Math.abs(e - f.baselineAvg) >= 0.005)
  )
    parts.push(
      `expected ${money(e)} ${u.per} from comparable ${stock ? "in-stock " : ""}${u.many}`,
    );
  const z = f.shortfallZ;
  const sd = f.noiseSd;
  if (z !== null && sd !== null && sd > 0 && z > 0)
    parts.push(
      `the shortfall is ${formatNumber(z, 1, true)}x normal ${u.one}-to-${u.one} noise (usual ${u.ly} swing ${money(sd)})`,
    );
  return parts.length > 0 ? parts.join("; ") : null;
}

/** Stockout clauses: recent stockout weeks and depth, share of the gap they explain, in-stock decline. */
function stockoutClauses(
  f: PlainFacts,
  w: WindowParameters,
  out: string[],
  u: PeriodWords = periodWords("week"),
): void {
  const weeksOut = f.stockoutWeeksCurrent;
  if (weeksOut === null || weeksOut <= 0) return;
  const depth = f.stockoutDepth;
  const what =
    depth !== null && depth > 0
      ? `${wholePercent(depth)} of ${f.store} SKUs out of stock`
      : `${f.store} SKUs out of stock`;
  out.push(
    `${formatNumber(weeksOut, 0)} of ${formatNumber(w.currentWeeks, 0)} recent ${u.many} had ${what}`,
  );
  const explained = f.stockoutExplainedShare;
  if (explained !== null && explained > 0)
    out.push(`stockouts explain ${wholePercent(explained)} of the shortfall`);
  const inStock = f.inStockDeclinePct;
  if (inStock !== null && inStock > 0)
    out.push(
      `in the ${u.many} the store was in stock, spend was ${wholePercent(inStock)} below expected`,
    );
}

/** Churn clause: trailing weeks without purchase (while in stock when that fact exists). */
function churnClause(
  f: PlainFacts,
  stock: boolean,
  u: PeriodWords = periodWords("week"),
): string | null {
  const inStock = f.trailingZeroInStockWeeks;
  if (inStock !== null && inStock > 0)
    return `no purchase in the last ${weeks(inStock, u)}${stock ? " while the store was in stock" : ""}`;
  const zero = f.trailingZeroWeeks;
  if (zero !== null && zero > 0) return `no purchase in the last ${weeks(zero, u)}`;
  return null;
}

/** The customer model's horizon and interval level, for the forecast clause. */
export interface ForecastWording {
  horizonWeeks: number;
  intervalLevel: number;
}

/**
 * The forecast clause (customer model facts): "expected to spend $120.00 over the next 13 weeks
 * (80%: $40.00-$260.00) against $480.00 at their recent rate; 35% chance they still buy". Null
 * when the customer has no forecast facts.
 */
export function forecastClause(
  facts: FactRecord,
  m: ForecastWording,
  money: (n: number) => string = formatMoney,
): string | null {
  const next = num(facts.expectedSpendNext);
  const low = num(facts.expectedSpendLow);
  const high = num(facts.expectedSpendHigh);
  const rate = num(facts.recentRunRate);
  const active = num(facts.pActive);
  if (next === null || low === null || high === null || rate === null || active === null)
    return null;
  const level = wholePercent(m.intervalLevel * 100);
  return `expected to spend ${money(next)} over the next ${weeks(m.horizonWeeks)} (${level}: ${money(low)}-${money(high)}) against ${money(rate)} at their recent rate; ${wholePercent(active * 100)} chance they still buy`;
}

/**
 * The plain-words clauses for one gap row from its customer's facts, in reading order: decline,
 * expected level and noise, stockouts, sharp drops, churn. The decline clause uses the row's own
 * current and expected figures (what RGO Gaps shows next to it). Without stock data (`stock`
 * false) nothing claims the store was in stock and the last clause says stockouts could not be
 * assessed (stock-wording.ts).
 */
export function plainWhyClauses(
  row: GapMeasure,
  facts: FactRecord,
  w: WindowParameters,
  specs: ReadonlyMap<string, FactSpec>,
  money: (n: number) => string = formatMoney,
  stock = true,
  model?: ForecastWording,
  unit: PeriodUnit = "week",
): string[] {
  const u = periodWords(unit);
  const f = readFacts(facts, specs);
  const forecast = model !== undefined ? forecastClause(facts, model, money) : null;
  if (row.gapType === "expected_shortfall" && forecast !== null) {
    // A forecast row: the forecast is the finding; the history clauses follow.
    const out = [forecast];
    if (stock) stockoutClauses(f, w, out, u);
    const churn = churnClause(f, stock, u);
    if (churn !== null) out.push(churn);
    if (!stock) out.push(NO_STOCK_NOTE);
    return out;
  }
  const onExpected = usesExpected(row, f);
  const out: string[] = [declineClause(row, f, w, onExpected, money, stock, u)];
  const noise = noiseClause(f, onExpected, money, stock, u);
  if (noise !== null) out.push(noise);
  if (stock) stockoutClauses(f, w, out, u);
  const sharp = f.sharpDropWeeks;
  if (sharp !== null && sharp > 0)
    out.push(
      `${formatNumber(sharp, 0)} of the last ${weeks(w.structuralWeeks, u)} had a sharp drop in spend${stock ? " while the store was in stock" : ""}`,
    );
  const churn = churnClause(f, stock, u);
  if (churn !== null) out.push(churn);
  if (!stock) out.push(NO_STOCK_NOTE);
  if (forecast !== null) out.push(forecast);
  return out;
}
