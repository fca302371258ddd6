/** Sample data step: write a realistic sample (generated in the worker) into new sheets. */
import { Button, Field, Input, Text, makeStyles } from "@fluentui/react-components";
import { useState } from "react";
import { usePane } from "./pane-context";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
});

export function SampleStep(): React.JSX.Element {
  const { state, controller } = usePane();
  const s = useStyles();
  const [customers, setCustomers] = useState("500");
  const [weeks, setWeeks] = useState("26");
  const c = Number(customers);
  const w = Number(weeks);
  const ok =
    Number.isInteger(c) && c >= 1 && c <= 200_000 && Number.isInteger(w) && w >= 4 && w <= 156;
  return (
    <div className={s.root}>
      <Text>
        Writes customers, weekly sales and stock sheets with planted revenue gaps, so you can try a
        run in an empty workbook.
      </Text>
      <Field label="Customers" hint="1 to 200,000">
        <Input
          type="number"
          aria-label="Customers"
          min={1}
          max={200000}
          value={customers}
          onChange={(_e, d) => setCustomers(d.value)}
        />
      </Field>
      <Field label="Weeks" hint="4 to 156">
        <Input
          type="number"
          aria-label="Weeks"
          min={4}
          max={156}
          value={weeks}
          onChange={(_e, d) => setWeeks(d.value)}
        />
      </Field>
      <Button
        appearance="primary"
        disabled={!ok || state.sample.status === "working"}
        onClick={() => void controller.writeSample(c, w)}
      >
        Write sample data
      </Button>
      <Text data-testid="sample-status" role="status" aria-live="polite">
        {state.sample.message}
      </Text>
    </div>
  );
}
