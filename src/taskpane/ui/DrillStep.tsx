/**
 * Drill-down step: pick a customer (by rank, with its money at risk and band; or select a row on
 * RGO Gaps) to see its spend chart, the why once with its gap rows listed under it, and its facts
 * grouped and in words (state/drill-picker.ts, drill-why.ts, drill-facts.ts).
 */
import { Combobox, Field, Option, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { NarrativeDrill } from "./NarrativeConfirm";
import { labelOf } from "../../engine/registry/labels";
import { groupFacts } from "../state/drill-facts";
import { pickerOptions, pickerText } from "../state/drill-picker";
import { customerWhy } from "../state/drill-why";
import { SpendChart } from "./SpendChart";
import { runCurrency, usePane } from "./pane-context";

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
  group: {
    padding: "6px 4px 2px",
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  why: { margin: 0, overflowWrap: "anywhere" },
  gaps: { margin: "4px 0 0", paddingLeft: "18px", overflowWrap: "anywhere" },
  rules: { color: tokens.colorNeutralForeground2 },
});

export function DrillStep(): React.JSX.Element {
  const { state, controller, host } = usePane();
  const s = useStyles();
  const index = state.run.drill;
  const [query, setQuery] = useState("");
  const selected = state.drill.customerId;
  const currency = runCurrency(state);
  const period = state.run.summary?.summary.period ?? "week";

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

  const options = useMemo(
    () => (index === null ? [] : pickerOptions(index, query, currency, period)),
    [index, query, currency, period],
  );
  const selectedText = useMemo(() => {
    if (index === null || selected === null) return "";
    const e = index.ranked.find((r) => r.customerId === selected);
    return e !== undefined ? pickerText(e, currency, period) : selected;
  }, [index, selected, currency, period]);

  if (index === null) return <Text>Run the analysis first; then pick a customer here.</Text>;
  const d = state.drill.detail;
  const why = d !== null ? customerWhy(d.gaps, currency, d.period) : null;
  const groups = d !== null ? groupFacts(d.facts, currency, d.period) : [];
  return (
    <div className={s.root}>
      <Field
        label="Customer"
        hint={`${index.withGaps.length} customers with gaps, by rank: money at risk and priority band. Type to search all ${index.all.length}.`}
      >
        <Combobox
          aria-label="Customer"
          freeform
          placeholder="Rank or customer id"
          value={query !== "" ? query : selectedText}
          selectedOptions={selected !== null ? [selected] : []}
          onChange={(e) => setQuery(e.target.value)}
          onOptionSelect={(_e, data) => {
            setQuery("");
            if (data.optionValue !== undefined) void controller.selectCustomer(data.optionValue);
          }}
        >
          {options.map((o) => (
            <Option key={o.customerId} value={o.customerId} text={o.text}>
              {o.text}
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
          <section aria-label="Why" data-testid="drill-why">
            <Text weight="semibold">Why</Text>
            {why === null || why.gaps.length === 0 ? (
              <p className={s.why}>No gap was detected for this customer.</p>
            ) : (
              <>
                {why.why !== "" && (
                  <p className={s.why} data-testid="drill-why-text">
                    <Text size={200}>{why.why}</Text>
                  </p>
                )}
                <ul className={s.gaps} aria-label="Gaps">
                  {why.gaps.map((g) => (
                    <li key={g.rank} data-testid="drill-gap">
                      <Text size={200}>{g.own !== "" ? `${g.text}: ${g.own}` : g.text}</Text>
                      {g.rules !== "" && (
                        <Text size={200} className={s.rules}>{` — rules: ${g.rules}`}</Text>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {d.rootCause !== null && d.rootCause !== "none" && (
              <p className={s.why}>
                <Text size={200}>{`Root cause: ${labelOf("cause", d.rootCause)}.`}</Text>
              </p>
            )}
            {d.churn.factors.length > 0 && (
              <p className={s.why}>
                <Text size={200}>
                  {`Churn risk factors: ${d.churn.factors.map((f) => labelOf("value", f).toLowerCase()).join(", ")}.`}
                </Text>
              </p>
            )}
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
            {groups.map((g) => (
              <tbody key={g.group} data-testid="drill-fact-group">
                <tr>
                  <th className={`${s.cell} ${s.group}`} scope="colgroup" colSpan={2}>
                    {g.group}
                  </th>
                </tr>
                {g.rows.map((f) => (
                  <tr key={f.name} title={f.description !== "" ? f.description : undefined}>
                    <th
                      className={s.cell}
                      scope="row"
                      style={{ textAlign: "left", fontWeight: "normal" }}
                    >
                      {f.label}
                    </th>
                    <td className={s.cell} style={{ textAlign: "right" }}>
                      {f.value}
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </>
      )}
    </div>
  );
}
