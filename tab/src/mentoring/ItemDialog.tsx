// Adding or editing one agreement item, and confirming a deletion.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import { ApiError, messageOf } from "../api";
import { Problem } from "../shell/Section";
import { useReturnFocus } from "../shell/useReturnFocus";
import type { AgreementItem, ItemFields, ItemStatus, Owner } from "../types";
import { OWNERS, STATUSES } from "./labels";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  row: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(10rem, 1fr))", gap: tokens.spacingHorizontalM },
});

const EMPTY: ItemFields = { goal: "", action: "", owner: "both", due: null, status: "open" };

interface ItemDialogProps {
  item: AgreementItem | null;
  onClose: () => void;
  onSave: (fields: ItemFields, item: AgreementItem | null) => Promise<void>;
  onConflict: (error: unknown) => Promise<boolean>;
}

/** The form of one item; the server's 400 is shown on the field it names. */
export function ItemDialog({ item, onClose, onSave, onConflict }: ItemDialogProps) {
  useReturnFocus();
  const styles = useStyles();
  const [fields, setFields] = useState<ItemFields>(item ? { goal: item.goal, action: item.action, owner: item.owner, due: item.due, status: item.status } : EMPTY);
  const [invalid, setInvalid] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ItemFields>(key: K, value: ItemFields[K]) => setFields((current) => ({ ...current, [key]: value }));
  const messageFor = (field: keyof ItemFields) => (invalid?.field === field ? invalid.message : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fields.goal.trim() || !fields.action.trim()) {
      setInvalid({ field: fields.goal.trim() ? "action" : "goal", message: "Please fill this in." });
      return;
    }
    setBusy(true);
    try {
      await onSave({ ...fields, goal: fields.goal.trim(), action: fields.action.trim() }, item);
    } catch (error) {
      if (await onConflict(error)) return;
      const field = error instanceof ApiError ? error.field : null;
      setInvalid({ field, message: messageOf(error) });
      setBusy(false);
    }
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(event) => void submit(event)}>
          <DialogBody>
            <DialogTitle>{item ? "Edit the item" : "Add a goal or action"}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label="Goal" required validationMessage={messageFor("goal")}>
                <Input value={fields.goal} onChange={(_, data) => set("goal", data.value)} maxLength={300} />
              </Field>
              <Field label="Action" required validationMessage={messageFor("action")}>
                <Textarea value={fields.action} onChange={(_, data) => set("action", data.value)} maxLength={1000} resize="vertical" />
              </Field>
              <div className={styles.row}>
                <Field label="Owner" validationMessage={messageFor("owner")}>
                  <Select value={fields.owner} onChange={(_, data) => set("owner", data.value as Owner)}>
                    {Object.entries(OWNERS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label="Due" validationMessage={messageFor("due")}>
                  <Input type="date" value={fields.due ?? ""} onChange={(_, data) => set("due", data.value || null)} />
                </Field>
                <Field label="Status" validationMessage={messageFor("status")}>
                  <Select value={fields.status} onChange={(_, data) => set("status", data.value as ItemStatus)}>
                    {Object.entries(STATUSES).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
              {invalid && !invalid.field && <Problem message={invalid.message} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Close
              </Button>
              <Button appearance="primary" type="submit" disabled={busy}>
                {item ? "Save" : "Add"}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** Deleting always asks first. */
export function DeleteItemDialog({ item, onClose, onDelete }: { item: AgreementItem; onClose: () => void; onDelete: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  useReturnFocus();
  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Delete this item?</DialogTitle>
          <DialogContent>“{item.action}” is removed for both of you; the history keeps a note of it.</DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Keep it
            </Button>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                void onDelete();
              }}
            >
              Delete
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
