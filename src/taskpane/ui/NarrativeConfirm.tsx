/**
 * Before the first send of a session: the exact requests the AI narrative would send (URL,
 * headers without the key, every JSON body), and a choice. Nothing is sent until "Send" is
 * chosen; "Don't send" writes the results without the narrative.
 */
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { usePane } from "./pane-context";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    padding: "8px",
    border: `2px solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  preview: {
    maxHeight: "240px",
    overflow: "auto",
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    fontSize: tokens.fontSizeBase200,
    margin: 0,
  },
  buttons: { display: "flex", gap: "8px" },
});

export function NarrativeConfirm(): React.JSX.Element | null {
  const s = useStyles();
  const { controller } = usePane();
  const session = controller.narrative;
  const snap = useSyncExternalStore(session.subscribe, session.snapshot);
  const send = useRef<HTMLButtonElement>(null);
  const pending = snap.pendingPreview;
  useEffect(() => {
    if (pending !== null) send.current?.focus();
  }, [pending]);
  if (pending === null)
    return snap.notice === null ? null : <Text role="status">{snap.notice}</Text>;
  return (
    <section
      className={s.root}
      role="alertdialog"
      aria-labelledby="rgo-narrative-confirm"
      data-testid="narrative-confirm"
    >
      <h2 id="rgo-narrative-confirm" className={s.heading}>
        Send these figures to the language model?
      </h2>
      <Text as="p">
        This is exactly what the AI narrative would send, once for this session. Nothing has been
        sent yet.
      </Text>
      <pre className={s.preview} tabIndex={0} data-testid="narrative-payload">
        {pending}
      </pre>
      <div className={s.buttons}>
        <Button appearance="primary" ref={send} onClick={() => session.answer(true)}>
          Send
        </Button>
        <Button onClick={() => session.answer(false)}>Don&apos;t send</Button>
      </div>
    </section>
  );
}

/** The AI-drafted texts of one customer in the drill-down (nothing when the run had none). */
export function NarrativeDrill({ customerId }: { customerId: string }): React.JSX.Element | null {
  const { controller } = usePane();
  const session = controller.narrative;
  const snap = useSyncExternalStore(session.subscribe, session.snapshot);
  const t = snap.texts.get(customerId);
  if (t === undefined) return null;
  const label = t.source === "ai" ? "AI-drafted" : "Rule-based text (the AI narrative failed)";
  return (
    <section aria-label="AI narrative" data-testid="drill-narrative">
      <Text as="p" weight="semibold">{`AI narrative: ${label}`}</Text>
      <Text as="p">{t.text}</Text>
      <Text as="p">{`Message draft: ${t.message}`}</Text>
    </section>
  );
}
