/** Drill-down step: pick a customer (or select a row on RGO Gaps) to see weekly spend, facts and the why of each gap. */
import { Combobox, Field, Option, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { NarrativeDrill } from "./NarrativeConfirm";
import { SpendChart } from "./SpendChart";
import { formatMoney, runCurrency, usePane } from "./pane-context";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  facts: {
    width: "100%",
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    tableLayout: "fixed",
  },
  cell: {
    padding: "2px 4px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: "anywhere",
    verticalAlign: "top",
  },
  why: { margin: 0, paddingLeft: "18px", overflowWrap: "anywhere" },
});

const MAX_OPTIONS = 50;

/** A fact's value in its unit; money in the run's currency. */
function factValue(v: string | number | boolean | null, currency: string, unit?: string): string {
  if (v === null) return "—";
  if (typeof v === "number") {
    if (unit === "dollars") return formatMoney(v, currency);
    if (unit === "percent") return `${Math.round(v * 100) / 100}%`;
    return String(Math.round(v * 10000) / 10000);
  }
  return String(v);
}

export function DrillStep(): React.JSX.Element {
  const { state, controller, host } = usePane();
  const s = useStyles();
  const index = state.run.drill;
  const [query, setQuery] = useState("");
  const selected = state.drill.customerId;
  const currency = runCurrency(state);

  // Follow the selection on RGO Gaps (Excel only; the preview never calls back).
  useEffect(() => {
    let off: (() => void) | null = null;
    let live = true;
    void host
      .onGapRowSelected((id) => {
        if (id !== null) void controller.selectCustomer(id);
      })
      .then((f) => {
        if (live) off = f;
        else f();
      });
    return () => {
      live = false;
      off?.();
    };
  }, [host, controller]);

  const matches = useMemo(() => {
    if (index === null) return [];
    const q = query.trim().toLowerCase();
    const out: string[] = [];
    const seen = new Set<string>();
    for (const list of [index.withGaps, index.all]) {
      for (const id of list) {
        if (out.length >= MAX_OPTIONS) break;
        if (seen.has(id) || (q !== "" && !id.toLowerCase().includes(q))) continue;
        seen.add(id);
        out.push(id);
      }
    }
    return out;
  }, [index, query]);

  if (index === null) return <Text>Run the analysis first; then pick a customer here.</Text>;
  const d = state.drill.detail;
  return (
    <div className={s.root}>
      <Field
        label="Customer"
        hint={`${index.withGaps.length} customers with gaps; type to search all ${index.all.length}.`}
      >
        <Combobox
          aria-label="Customer"
          freeform
          placeholder="Customer id"
          value={query !== "" ? query : (selected ?? "")}
          selectedOptions={selected !== null ? [selected] : []}
          onChange={(e) => setQuery(e.target.value)}
          onOptionSelect={(_e, data) => {
            setQuery("");
            if (data.optionValue !== undefined) void controller.selectCustomer(data.optionValue);
          }}
        >
          {matches.map((id) => (
            <Option key={id} value={id}>
              {id}
            </Option>
          ))}
        </Combobox>
      </Field>
      {state.drill.loading && <Text>Loading…</Text>}
      {selected !== null && !state.drill.loading && d === null && (
        <Text>No data for {selected} in the last run.</Text>
      )}
      {d !== null && (
        <>
          <SpendChart detail={d} currency={currency} />
          <NarrativeDrill customerId={d.customerId} />
          <section aria-label="Why">
            <Text weight="semibold">Why</Text>
            <ul className={s.why} data-testid="drill-why">
              {d.gaps.length === 0 && <li>No gap was detected for this customer.</li>}
              {d.gaps.map((g, i) => (
                <li key={i}>
                  <Text size={200}>
                    {`#${g.rank} ${g.gapType} (${g.severity}), gap ${formatMoney(g.gapAmount, currency)} a week, score ${g.priorityScore}: ${g.why}`}
                  </Text>
                </li>
              ))}
              {d.churn.factors.length > 0 && (
                <li>{`Churn risk factors: ${d.churn.factors.join(", ")}`}</li>
              )}
            </ul>
          </section>
          <table
            className={s.facts}
            data-testid="drill-facts"
            aria-label={`Facts of ${d.customerId}`}
          >
            <thead>
              <tr>
                <th className={s.cell} scope="col" style={{ textAlign: "left" }}>
                  Fact
                </th>
                <th className={s.cell} scope="col" style={{ textAlign: "right" }}>
                  Value
                </th>
              </tr>
            </thead>
            <tbody>
              {d.facts.map((f) => (
                <tr key={f.name} title={f.description}>
                  <th
                    className={s.cell}
                    scope="row"
                    style={{ textAlign: "left", fontWeight: "normal" }}
                  >
                    {f.name}
                  </th>
                  <td className={s.cell} style={{ textAlign: "right" }}>
                    {factValue(f.value, currency, f.unit)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
