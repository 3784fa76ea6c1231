// The dialogs behind Schedule / Move (choose one of the offered times) and Cancel (confirm).
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Radio,
  RadioGroup,
  Spinner,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { api } from "../api";
import { formatDateTime } from "../shell/format";
import { Problem } from "../shell/Section";
import { useReturnFocus } from "../shell/useReturnFocus";
import type { Offer, Session } from "../types";

interface OffersProps {
  moving: Session | null;
  onClose: () => void;
  onDone: (session: Session) => Promise<void>;
  onFailed: (error: unknown) => Promise<void>;
}

/** Asks the server for free times of both people and books (or moves to) the one chosen. */
export function OffersDialog({ moving, onClose, onDone, onFailed }: OffersProps) {
  useReturnFocus();
  const [offers, setOffers] = useState<Offer[]>();
  const [reason, setReason] = useState<string | null>(null);
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState(false);
  const failedRef = useRef(onFailed);
  failedRef.current = onFailed;

  useEffect(() => {
    api<{ offers: Offer[]; reason: string | null }>("/sessions/offers", { method: "POST", body: {} }).then(
      (answer) => {
        setOffers(answer.offers);
        setReason(answer.reason);
        setChosen(answer.offers[0]?.starts_at ?? "");
      },
      (error: unknown) => void failedRef.current(error),
    );
  }, []);

  const book = async () => {
    setBusy(true);
    try {
      const session = moving
        ? await api<Session>(`/sessions/${moving.id}/move`, { method: "POST", body: { version: moving.version, starts_at: chosen } })
        : await api<Session>("/sessions", { method: "POST", body: { starts_at: chosen } });
      await onDone(session);
    } catch (error) {
      await onFailed(error);
    }
  };

  const title = moving ? `Move the session of ${formatDateTime(moving.starts_at)}` : "Schedule a session";
  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            {!offers && <Spinner size="tiny" label="Finding times when you are both free…" />}
            {offers && offers.length === 0 && <Problem message={reason ?? "No free time was found in the next two weeks."} />}
            {offers && offers.length > 0 && (
              <Field label="Times when you are both free">
                <RadioGroup value={chosen} onChange={(_, data) => setChosen(data.value)}>
                  {offers.map((offer) => (
                    <Radio key={offer.starts_at} value={offer.starts_at} label={offer.label} />
                  ))}
                </RadioGroup>
              </Field>
            )}
            {offers && offers.length > 0 && reason && <Body1 as="p">{reason}</Body1>}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Close
            </Button>
            <Button appearance="primary" disabled={!chosen || busy} onClick={() => void book()}>
              {moving ? "Move to this time" : "Book this time"}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

interface CancelProps {
  session: Session;
  onClose: () => void;
  onDone: () => Promise<void>;
  onFailed: (error: unknown) => Promise<void>;
}

/** Cancelling always asks first. */
export function CancelDialog({ session, onClose, onDone, onFailed }: CancelProps) {
  useReturnFocus();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    setBusy(true);
    try {
      await api<Session>(`/sessions/${session.id}/cancel`, { method: "POST", body: { version: session.version } });
      await onDone();
    } catch (error) {
      await onFailed(error);
    }
  };
  return (
    <Dialog open modalType="alert" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Cancel this session?</DialogTitle>
          <DialogContent>
            The session of {formatDateTime(session.starts_at)} is removed from both calendars and your partner is told.
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Keep it
            </Button>
            <Button appearance="primary" disabled={busy} onClick={() => void cancel()}>
              Cancel the session
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
