// A rematch or conflict case's confidential note: the channel card says "reason available in the
// dashboard" when its channel is not private to administrators. Shown only after a reason is
// given, which the server writes to the audit log with the administrator's name.
import { Body1, Button, Field, Select, Textarea } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { api, messageOf } from "../api";
import { Problem, Section } from "../shell/Section";
import type { Dashboard } from "../types";
import { MIN_REASON, useReadStyles } from "./ConfidentialRead";

interface CaseNote {
  id: number;
  kind: string;
  category: string;
  requester: string;
  note: string;
}

/** Pick a case of the queue, say why, read its note. */
export function CaseNoteRead({ queue }: { queue: Dashboard["queue"] }) {
  const styles = useReadStyles();
  const [caseId, setCaseId] = useState(queue[0] ? String(queue[0].id) : "");
  const [reason, setReason] = useState("");
  const [shown, setShown] = useState<CaseNote | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const ready = caseId !== "" && reason.trim().length >= MIN_REASON;

  const read = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    try {
      setShown(await api<CaseNote>(`/admin/cases/${encodeURIComponent(caseId)}`, { query: { reason: reason.trim() } }));
      setProblem(null);
    } catch (error) {
      setShown(null);
      setProblem(messageOf(error));
    }
  };

  return (
    <Section id="case-note" title="Read a case's note (confidential)">
      <Body1 as="p" style={{ margin: 0 }}>
        What a participant wrote when asking for a new match or reporting a conflict. Each view is written to the audit log
        with your name and reason.
      </Body1>
      <form className={styles.form} onSubmit={(event) => void read(event)}>
        <Field label="Case" required className={styles.wide}>
          <Select value={caseId} onChange={(_, data) => setCaseId(data.value)}>
            {queue.map((entry) => (
              <option key={entry.id} value={String(entry.id)}>
                {`Case ${entry.id}: ${entry.kind}, ${entry.pair}`}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Reason for reading" required className={styles.wide} hint={`At least ${MIN_REASON} characters; kept in the audit log.`}>
          <Textarea value={reason} onChange={(_, data) => setReason(data.value)} resize="vertical" />
        </Field>
        <Button type="submit" appearance="primary" disabled={!ready}>
          Show the note
        </Button>
      </form>
      {problem && <Problem message={problem} />}
      {shown && (
        <div className={styles.shown} aria-live="polite">
          <Body1 as="p" block>{`${shown.requester} (${shown.category}):`}</Body1>
          <Body1 as="p" block>{shown.note || "They added no note."}</Body1>
          <Button size="small" onClick={() => setShown(null)}>
            Hide it again
          </Button>
        </div>
      )}
    </Section>
  );
}
