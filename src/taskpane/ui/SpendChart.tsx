/**
 * A small hand-written SVG bar chart of a customer's spend per period (week or month; its words in
 * state/spend-chart-text.ts), baseline and current windows
 * shaded; when the run fitted the customer model, the forecast follows the history: the expected
 * weekly spend over the horizon as a line, and the interval of the horizon's total, shown per week
 * (total / H), as a band.
 */
import { tokens } from "@fluentui/react-components";
import type { CustomerDetail } from "../worker/protocol";
import { spendChartText } from "../state/spend-chart-text";
import { formatMoney } from "./pane-context";

const W = 300;
const H = 140;
const PAD_L = 4;
const PAD_B = 16;

/** `currency`: the run's ISO code; every amount in the chart's texts is written in it. */
export function SpendChart({
  detail,
  currency,
}: {
  detail: CustomerDetail;
  currency: string;
}): React.JSX.Element {
  const money = (v: number): string => formatMoney(v, currency);
  const n = detail.spend.length;
  const f = detail.forecast;
  const fw = f !== undefined ? f.weeks : 0;
  const perWeek = (v: number): number => (fw > 0 ? v / fw : 0);
  const max = Math.max(
    1,
    ...detail.spend.map((v) => v ?? 0),
    f !== undefined ? perWeek(f.high) : 0,
  );
  const bw = (W - PAD_L) / Math.max(1, n + fw);
  const y = (v: number): number => (H - PAD_B) * (1 - v / max);
  const band = (r: [number, number], fill: string, label: string): React.JSX.Element | null =>
    r[0] < 0 || r[1] <= r[0] ? null : (
      <g>
        <rect
          x={PAD_L + r[0] * bw}
          y={0}
          width={(r[1] - r[0]) * bw}
          height={H - PAD_B}
          fill={fill}
          opacity={0.35}
        />
        <text
          x={PAD_L + r[0] * bw + 2}
          y={H - 4}
          fontSize="9"
          fill={tokens.colorNeutralForeground2}
        >
          {label}
        </text>
      </g>
    );
  const text = spendChartText(detail, max, money);
  const label = text.label;
  const forecastBand =
    f === undefined ? null : (
      <g>
        <rect
          x={PAD_L + n * bw}
          y={y(perWeek(f.high))}
          width={fw * bw}
          height={Math.max(0.5, y(perWeek(f.low)) - y(perWeek(f.high)))}
          fill={tokens.colorPaletteGreenBackground2}
          opacity={0.5}
        >
          <title>{text.forecastBand}</title>
        </rect>
        <line
          x1={PAD_L + n * bw}
          x2={PAD_L + (n + fw) * bw}
          y1={y(perWeek(f.expected))}
          y2={y(perWeek(f.expected))}
          stroke={tokens.colorPaletteGreenForeground1}
          strokeWidth={2}
        >
          <title>{text.forecastLine}</title>
        </line>
        <text x={PAD_L + n * bw + 2} y={H - 4} fontSize="9" fill={tokens.colorNeutralForeground2}>
          forecast
        </text>
      </g>
    );
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      style={{ maxWidth: "100%", display: "block" }}
    >
      {band(detail.baseline, tokens.colorPaletteBlueBackground2, "baseline")}
      {band(detail.current, tokens.colorPaletteYellowBackground2, "current")}
      {detail.spend.map((v, i) =>
        v === null ? null : (
          <rect
            key={i}
            x={PAD_L + i * bw + bw * 0.1}
            y={y(v)}
            width={Math.max(0.5, bw * 0.8)}
            height={Math.max(0, H - PAD_B - y(v))}
            fill={v === 0 ? tokens.colorPaletteRedBorder2 : tokens.colorBrandBackground}
          >
            <title>{`${detail.weeks[i]}: ${money(v)}`}</title>
          </rect>
        ),
      )}
      {forecastBand}
      <line x1={PAD_L} x2={W} y1={H - PAD_B} y2={H - PAD_B} stroke={tokens.colorNeutralStroke1} />
    </svg>
  );
}
