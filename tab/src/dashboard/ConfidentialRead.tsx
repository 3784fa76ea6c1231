// Reading one person's whole registration, confidential answers included: only after a reason
// is given, which the server writes to the audit log with the administrator's name.
import { Body1, Button, Field, Input, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { api, messageOf } from "../api";
import { JsonView } from "../shell/JsonView";
import { Problem, Section } from "../shell/Section";

/** The layout every reason-first confidential read shares. */
export const useReadStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, alignItems: "flex-start", maxWidth: "40rem" },
  wide: { width: "100%" },
  shown: { borderLeftWidth: tokens.strokeWidthThicker, borderLeftStyle: "solid", borderLeftColor: tokens.colorPaletteRedBorder2, paddingInlineStart: tokens.spacingHorizontalM },
});

/** A reason shorter than this says nothing to whoever reads the audit log. */
export const MIN_REASON = 10;

/** The form and, once asked, the registration. */
export function ConfidentialRead() {
  const styles = useReadStyles();
  const [person, setPerson] = useState("");
  const [reason, setReason] = useState("");
  const [shown, setShown] = useState<unknown>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const ready = person.trim() !== "" && reason.trim().length >= MIN_REASON;

  const read = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    try {
      const path = `/admin/people/${encodeURIComponent(person.trim())}/registration`;
      setShown(await api<unknown>(path, { query: { reason: reason.trim() } }));
      setProblem(null);
    } catch (error) {
      setShown(undefined);
      setProblem(messageOf(error));
    }
  };

  return (
    <Section id="confidential" title="Read a registration (confidential)">
      <Body1 as="p" style={{ margin: 0 }}>
        The whole registration, confidential answers included, is shown only when you say why. Each view is written to the
        audit log with your name and reason.
      </Body1>
      <form className={styles.form} onSubmit={(event) => void read(event)}>
        <Field label="Person id" required className={styles.wide}>
          <Input value={person} onChange={(_, data) => setPerson(data.value)} />
        </Field>
        <Field label="Reason for reading" required className={styles.wide} hint={`At least ${MIN_REASON} characters; kept in the audit log.`}>
          <Textarea value={reason} onChange={(_, data) => setReason(data.value)} resize="vertical" />
        </Field>
        <Button type="submit" appearance="primary" disabled={!ready}>
          Show the registration
        </Button>
      </form>
      {problem && <Problem message={problem} />}
      {shown !== undefined && (
        <div className={styles.shown} aria-live="polite">
          <JsonView value={shown} />
          <Button size="small" onClick={() => setShown(undefined)}>
            Hide it again
          </Button>
        </div>
      )}
    </Section>
  );
}
