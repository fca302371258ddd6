/**
 * Settings for the optional AI narrative (off by default): on/off, the endpoint URL, the model and
 * the API key, saved per user in the add-in's own storage (never in the workbook). Says plainly
 * what would be sent and that the exact requests are shown for confirmation before the first send
 * of a session. Checks the URL on save (the same check the send uses).
 */
import {
  Button,
  Checkbox,
  Field,
  Input,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { parseEndpoint } from "../../workbook/narrative/llm-endpoint";
import {
  loadNarrativeConfig,
  NARRATIVE_OFF,
  saveNarrativeConfig,
  type NarrativeConfig,
} from "../state/narrative-config";
import { usePane } from "./pane-context";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    marginTop: "16px",
    paddingTop: "8px",
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  alert: { color: tokens.colorPaletteRedForeground1 },
});

export function NarrativeSettings(): React.JSX.Element {
  const s = useStyles();
  const { controller } = usePane();
  const store = controller.narrative.store;
  const [config, setConfig] = useState<NarrativeConfig>({ ...NARRATIVE_OFF });
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    void loadNarrativeConfig(store).then(setConfig);
  }, [store]);
  const change = (patch: Partial<NarrativeConfig>): void => {
    setConfig((c) => ({ ...c, ...patch }));
    setStatus(null);
  };
  const save = (): void => {
    if (config.enabled) {
      try {
        parseEndpoint(config.endpoint, config.model, config.apiKey);
      } catch (e) {
        setStatus({ text: (e as Error).message, error: true });
        return;
      }
    }
    void saveNarrativeConfig(store, config).then(
      () =>
        setStatus({
          text: config.enabled
            ? "Saved. The next run shows what would be sent and asks before sending."
            : "Saved. The AI narrative is off: nothing is sent.",
          error: false,
        }),
      () =>
        setStatus({ text: "Could not save the settings in this add-in's storage.", error: true }),
    );
  };
  return (
    <section
      className={s.root}
      aria-labelledby="rgo-narrative-heading"
      data-testid="narrative-settings"
    >
      <h2 id="rgo-narrative-heading" className={s.heading}>
        AI narrative (optional)
      </h2>
      <Text as="p">
        Drafts a short rationale, a message and a summary paragraph for the top customers (5 by
        default; the rule pack&apos;s narrative settings can change it) with a language model you
        choose. Only those customers&apos; computed figures and the rules&apos; reasons are sent,
        never your sales rows or other customers. Texts are marked AI-drafted; figures are never
        changed.
      </Text>
      <Checkbox
        checked={config.enabled}
        label="Draft an AI narrative when I run the analysis"
        onChange={(_, d) => change({ enabled: d.checked === true })}
      />
      <Field label="Endpoint (OpenAI-compatible, e.g. https://api.openai.com/v1)">
        <Input
          value={config.endpoint}
          type="url"
          onChange={(_, d) => change({ endpoint: d.value })}
        />
      </Field>
      <Field label="Model">
        <Input value={config.model} onChange={(_, d) => change({ model: d.value })} />
      </Field>
      <Field label="API key (kept in this add-in's storage for you only)">
        <Input
          value={config.apiKey}
          type="password"
          autoComplete="off"
          onChange={(_, d) => change({ apiKey: d.value })}
        />
      </Field>
      <div>
        <Button onClick={save}>Save AI narrative settings</Button>
      </div>
      {status !== null && (
        <Text role="status" className={status.error ? s.alert : undefined}>
          {status.text}
        </Text>
      )}
    </section>
  );
}
