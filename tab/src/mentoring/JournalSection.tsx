// The learning journal: private notes that only their author can read.
import { Body1, Button, Caption1, Field, MessageBar, MessageBarBody, MessageBarTitle, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { ApiError, api, messageOf } from "../api";
import { formatDateTime } from "../shell/format";
import { LoadState, Notice, Problem, Section } from "../shell/Section";
import { useResource } from "../shell/useResource";
import type { JournalEntry } from "../types";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, alignItems: "flex-start" },
  wide: { width: "100%" },
  list: { listStyle: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  entry: { borderLeftWidth: tokens.strokeWidthThicker, borderLeftStyle: "solid", borderLeftColor: tokens.colorBrandStroke1, paddingInlineStart: tokens.spacingHorizontalM },
  text: { whiteSpace: "pre-wrap", margin: `${tokens.spacingVerticalXS} 0` },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

/** The private journal: write, edit and delete one's own entries. */
export function JournalSection() {
  const styles = useStyles();
  const journal = useResource(() => api<{ entries: JournalEntry[] }>("/journal"));
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, message: string) => {
    try {
      await action();
      setProblem(null);
      setNotice(message);
      await journal.reload();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setNotice("This entry was changed in another window, so the journal was reloaded.");
        setEditing(null);
        await journal.reload();
      } else {
        setProblem(messageOf(error));
      }
      return false;
    }
  };

  const add = async () => {
    if (!draft.trim()) return;
    if (await run(() => api("/journal", { method: "POST", body: { text: draft.trim() } }), "Saved in your journal.")) setDraft("");
  };
  const saveEdit = async (entry: JournalEntry) => {
    if (!editing || !editing.text.trim()) return;
    const body = { version: entry.version, text: editing.text.trim() };
    if (await run(() => api(`/journal/${entry.id}`, { method: "PATCH", body }), "Entry saved.")) setEditing(null);
  };
  const remove = (entry: JournalEntry) =>
    run(() => api(`/journal/${entry.id}`, { method: "DELETE", query: { version: entry.version } }), "Entry deleted.");

  return (
    <Section id="journal" title="My learning journal">
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Only you can see this.</MessageBarTitle>
          Your journal is private: neither your partner nor the programme administrators can read it.
        </MessageBarBody>
      </MessageBar>
      <div className={styles.form}>
        <Field label="New entry" className={styles.wide} hint="What did you learn, try or notice?">
          <Textarea value={draft} onChange={(_, data) => setDraft(data.value)} resize="vertical" rows={3} maxLength={5000} />
        </Field>
        <Button appearance="primary" onClick={() => void add()} disabled={!draft.trim()}>
          Save entry
        </Button>
      </div>
      <LoadState loading={journal.loading && !journal.data} error={journal.error} label="your journal" />
      <Notice message={notice} intent="success" />
      {problem && <Problem message={problem} />}
      {journal.data && journal.data.entries.length === 0 && <Body1 as="p">No entries yet.</Body1>}
      {journal.data && journal.data.entries.length > 0 && (
        <ul className={styles.list} aria-label="Journal entries">
          {journal.data.entries.map((entry) => (
            <li key={entry.id} className={styles.entry}>
              <Caption1>{formatDateTime(entry.written_at)}</Caption1>
              {editing?.id === entry.id ? (
                <Field label="Edit entry">
                  <Textarea value={editing.text} onChange={(_, data) => setEditing({ id: entry.id, text: data.value })} resize="vertical" rows={3} />
                </Field>
              ) : (
                <Body1 as="p" className={styles.text}>
                  {entry.text}
                </Body1>
              )}
              <div className={styles.actions}>
                {editing?.id === entry.id ? (
                  <>
                    <Button size="small" appearance="primary" onClick={() => void saveEdit(entry)}>
                      Save
                    </Button>
                    <Button size="small" onClick={() => setEditing(null)}>
                      Discard changes
                    </Button>
                  </>
                ) : (
                  <>
                    <Button size="small" onClick={() => setEditing({ id: entry.id, text: entry.text })} aria-label={`Edit the entry of ${formatDateTime(entry.written_at)}`}>
                      Edit
                    </Button>
                    <Button size="small" onClick={() => void remove(entry)} aria-label={`Delete the entry of ${formatDateTime(entry.written_at)}`}>
                      Delete
                    </Button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
