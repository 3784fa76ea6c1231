// Run matching and publish, each after a confirmation (the channel commands' services).
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { api, messageOf } from "../api";
import { JsonView } from "../shell/JsonView";
import { Notice, Problem, Section } from "../shell/Section";
import { useReturnFocus } from "../shell/useReturnFocus";

const useStyles = makeStyles({
  buttons: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
});

type Action = "run" | "publish";

const CONFIRM: Record<Action, { title: string; text: string; button: string; path: string }> = {
  run: {
    title: "Run matching now?",
    text: "Tandem matches the cohort as it stands and shows a summary. Nobody is told anything until you publish.",
    button: "Run matching",
    path: "/admin/matching/run",
  },
  publish: {
    title: "Publish the matching?",
    text: "Every person in the matching receives their suggestions or pairing in Teams. This cannot be taken back; publishing again sends nobody a second message.",
    button: "Publish",
    path: "/admin/matching/publish",
  },
};

/** The two buttons, their confirmations and the last summary; none once the cohort ended. */
export function AdminActions({ onChanged, ended }: { onChanged: () => Promise<void>; ended: boolean }) {
  const styles = useStyles();
  const [asking, setAsking] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<{ action: Action; answer: unknown } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const confirm = async (action: Action) => {
    setBusy(true);
    try {
      const answer = await api<unknown>(CONFIRM[action].path, { method: "POST", body: {} });
      setSummary({ action, answer });
      setProblem(null);
      await onChanged();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
      setAsking(null);
    }
  };

  const question = asking ? CONFIRM[asking] : null;
  if (ended) {
    return (
      <Section id="matching" title="Matching">
        <Notice message="This cohort has ended: there is nothing more to match or publish." intent="info" />
      </Section>
    );
  }
  return (
    <Section id="matching" title="Matching">
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={() => setAsking("run")}>
          Run matching…
        </Button>
        <Button onClick={() => setAsking("publish")}>Publish…</Button>
      </div>
      {problem && <Problem message={problem} />}
      {summary && (
        <>
          <Notice message={summary.action === "run" ? "Matching done. Summary:" : "Published."} intent="success" />
          <JsonView value={summary.answer} />
        </>
      )}
      {asking && question && (
        <ConfirmDialog question={question} busy={busy} onCancel={() => setAsking(null)} onConfirm={() => void confirm(asking)} />
      )}
    </Section>
  );
}

interface ConfirmProps {
  question: { title: string; text: string; button: string };
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

function ConfirmDialog({ question, busy, onCancel, onConfirm }: ConfirmProps) {
  useReturnFocus();
  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{question.title}</DialogTitle>
          <DialogContent>{question.text}</DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              Not now
            </Button>
            <Button appearance="primary" disabled={busy} onClick={onConfirm}>
              {question.button}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
