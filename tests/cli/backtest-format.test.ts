import { formatBacktest } from "../../src/cli/commands/backtest";
import type { BacktestJson } from "../../src/engine/backtest/run-backtest";

const json: BacktestJson = {
  asOf: "1997-09-30",
  horizon: 13,
  active: 200,
  lost: 50,
  baseRate: 0.25,
  flagged: 40,
  flaggedActive: 30,
  precision: 0.6,
  recall: 0.36,
  lift: 2.4,
  top100Precision: 0.6,
  lossCoverage: 0.5,
  forecastTotal: 1234.5,
  realisedTotal: 1500,
  intervalCoverage: 0.8,
  forecastLow: 1000,
  forecastHigh: 1600.25,
  realisedInBand: true,
};

describe("rgo backtest's printed figures", () => {
  it("print money in the run's currency, to the cent", () => {
    const text = formatBacktest(json, "default 3.1.0", "GBP");
    expect(text).toContain("Forecast         £1,234.50 vs realised £1,500.00 (-17.7%)");
    expect(text).toContain("Portfolio band   £1,000.00 to £1,600.25: the realised total is inside");
    expect(text).not.toContain("$");
  });

  it("say USD amounts with a dollar sign", () => {
    expect(formatBacktest(json, "default 3.1.0", "USD")).toContain(
      "$1,234.50 vs realised $1,500.00",
    );
  });
});
