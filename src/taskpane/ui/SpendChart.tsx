/**
 * A small hand-written SVG bar chart of a customer's spend per period (week or month; its words in
 * state/spend-chart-text.ts), with a money axis in the run's currency ("£1.2k"), period labels
 * under the first, middle and last bars (state/spend-chart-axes.ts), the baseline and current
 * windows shaded with their averages drawn and labelled, and the last period's amount written on
 * it. When the run fitted the customer model, the forecast follows the history: the expected
 * spend per period over the horizon as a line and the interval of the horizon's total, shown per
 * period (total / H), as a shaded band labelled "80% band, next 13 weeks". A visually hidden
 * table lists every amount for screen readers.
 */
import { tokens } from "@fluentui/react-components";
import type { CustomerDetail } from "../worker/protocol";
import { numberFact, spendChartText } from "../state/spend-chart-text";
import { compactMoney, moneyScale, periodTick, periodTickIndexes } from "../state/spend-chart-axes";
import { formatMoney } from "./pane-context";
import { VISUALLY_HIDDEN } from "./visually-hidden";

const W = 320;
const H = 174;
const PAD_L = 40;
const PAD_R = 6;
const PAD_T = 16;
const PAD_B = 20;
const FONT = 10;
/** A white outline behind a label drawn over bars, so it stays readable. */
const HALO = { stroke: "#ffffff", strokeWidth: 3, paintOrder: "stroke" } as const;

/** `currency`: the run's ISO code; every amount in the chart's texts is written in it. */
export function SpendChart({
  detail,
  currency,
}: {
  detail: CustomerDetail;
  currency: string;
}): React.JSX.Element {
  const money = (v: number): string => formatMoney(v, currency);
  const short = (v: number): string => compactMoney(v, currency);
  const n = detail.spend.length;
  const f = detail.forecast;
  const fw = f !== undefined ? f.weeks : 0;
  const perPeriod = (v: number): number => (fw > 0 ? v / fw : 0);
  const baselineAvg = numberFact(detail, "baselineAvg");
  const currentAvg = numberFact(detail, "currentAvg");
  const amounts = detail.spend.map((v) => v ?? 0);
  const scale = moneyScale([...amounts, f !== undefined ? perPeriod(f.high) : 0]);
  const plotW = W - PAD_L - PAD_R;
  const plotH = H - PAD_T - PAD_B;
  const bw = plotW / Math.max(1, n + fw);
  const x = (i: number): number => PAD_L + i * bw;
  const y = (v: number): number =>
    PAD_T + plotH * (1 - (v - scale.min) / Math.max(1e-9, scale.max - scale.min));
  const y0 = y(0);
  const text = spendChartText(detail, Math.max(0, ...amounts), money);
  const muted = tokens.colorNeutralForeground2;

  const windowBand = (
    r: [number, number],
    fill: string,
    name: string,
    avg: number | null,
    key: string,
  ): React.JSX.Element | null =>
    r[0] < 0 || r[1] <= r[0] ? null : (
      <g key={key} data-testid={`chart-${key}`}>
        <rect
          x={x(r[0])}
          y={PAD_T}
          width={(r[1] - r[0]) * bw}
          height={plotH}
          fill={fill}
          opacity={0.35}
        />
        {avg !== null && (
          <>
            <line
              x1={x(r[0])}
              x2={x(r[1])}
              y1={y(avg)}
              y2={y(avg)}
              stroke={tokens.colorNeutralForeground1}
              strokeWidth={1.5}
              strokeDasharray="4 2"
            />
            <text
              {...HALO}
              x={x(r[0]) + 2}
              y={Math.max(FONT, y(avg) - 3)}
              fontSize={FONT}
              fill={tokens.colorNeutralForeground1}
            >
              {`${name} avg ${short(avg)}`}
            </text>
          </>
        )}
      </g>
    );

  const ticks = periodTickIndexes(n);
  const last = n > 0 ? detail.spend[n - 1] : null;
  return (
    <figure style={{ margin: 0 }} data-testid="spend-chart">
      <svg
        role="img"
        aria-label={text.label}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        style={{ maxWidth: "100%", display: "block" }}
      >
        {windowBand(
          detail.baseline,
          tokens.colorPaletteBlueBackground2,
          "baseline",
          baselineAvg,
          "baseline",
        )}
        {windowBand(
          detail.current,
          tokens.colorPaletteYellowBackground2,
          "current",
          currentAvg,
          "current",
        )}
        {/* The money axis: gridlines and values. */}
        {scale.ticks.map((t) => (
          <g key={`y${t}`}>
            <line
              x1={PAD_L}
              x2={W - PAD_R}
              y1={y(t)}
              y2={y(t)}
              stroke={tokens.colorNeutralStroke2}
              strokeWidth={0.5}
            />
            <text x={PAD_L - 3} y={y(t) + 3} fontSize={FONT} textAnchor="end" fill={muted}>
              {short(t)}
            </text>
          </g>
        ))}
        {detail.spend.map((v, i) =>
          v === null ? null : (
            <rect
              key={i}
              x={x(i) + bw * 0.1}
              y={Math.min(y(v), y0)}
              width={Math.max(0.5, bw * 0.8)}
              height={Math.max(v === 0 ? 1 : 0, Math.abs(y0 - y(v)))}
              fill={v === 0 ? tokens.colorPaletteRedBorder2 : tokens.colorBrandBackground}
            >
              <title>{`${detail.weeks[i]}: ${money(v)}`}</title>
            </rect>
          ),
        )}
        {last !== null && (
          <text
            {...HALO}
            x={x(n - 1) + bw / 2}
            y={Math.max(FONT, Math.min(y(last), y0) - 3)}
            fontSize={FONT}
            textAnchor={fw > 0 ? "middle" : "end"}
            fill={tokens.colorNeutralForeground1}
            data-testid="chart-last"
          >
            {short(last)}
          </text>
        )}
        {f !== undefined && (
          <g data-testid="chart-forecast">
            <rect
              x={x(n)}
              y={y(perPeriod(f.high))}
              width={fw * bw}
              height={Math.max(0.5, y(perPeriod(f.low)) - y(perPeriod(f.high)))}
              fill={tokens.colorPaletteGreenBackground2}
              opacity={0.6}
            >
              <title>{text.forecastBand}</title>
            </rect>
            <line
              x1={x(n)}
              x2={x(n + fw)}
              y1={y(perPeriod(f.expected))}
              y2={y(perPeriod(f.expected))}
              stroke={tokens.colorPaletteGreenForeground1}
              strokeWidth={2}
            >
              <title>{text.forecastLine}</title>
            </line>
            <text
              x={x(n + fw)}
              y={PAD_T - 4}
              fontSize={FONT}
              textAnchor="end"
              fill={tokens.colorPaletteGreenForeground1}
            >
              {text.forecastCaption}
            </text>
          </g>
        )}
        {/* The period axis. */}
        <line x1={PAD_L} x2={W - PAD_R} y1={y0} y2={y0} stroke={tokens.colorNeutralStroke1} />
        {ticks.map((i, k) => (
          <text
            key={`x${i}`}
            x={k === 0 ? x(i) : k === ticks.length - 1 ? x(i) + bw : x(i) + bw / 2}
            y={PAD_T + plotH + 12}
            fontSize={FONT}
            textAnchor={k === 0 ? "start" : k === ticks.length - 1 ? "end" : "middle"}
            fill={muted}
          >
            {periodTick(detail.weeks[i] ?? "")}
          </text>
        ))}
      </svg>
      <figcaption
        data-testid="chart-caption"
        style={{ fontSize: tokens.fontSizeBase200, color: muted, paddingLeft: `${PAD_L / 3}px` }}
      >
        {text.axisCaption}
      </figcaption>
      {/* Hidden in a 1 px box: a table is never narrower than its content, so hiding the table
          itself would still widen the page. */}
      <div style={VISUALLY_HIDDEN}>
        <table data-testid="spend-table">
          <caption>{text.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{text.periodHeader}</th>
              <th scope="col">Spend</th>
            </tr>
          </thead>
          <tbody>
            {detail.spend.map((v, i) =>
              v === null ? null : (
                <tr key={i}>
                  <th scope="row">{detail.weeks[i]}</th>
                  <td>{money(v)}</td>
                </tr>
              ),
            )}
            {f !== undefined && (
              <tr>
                <th scope="row">{text.forecastRow}</th>
                <td>{text.forecastBand}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
