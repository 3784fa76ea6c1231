// Sessions: upcoming and past; schedule from offered times, move, cancel (the bot's services).
import { Badge, Body1, Button, Link, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { ApiError, api, messageOf } from "../api";
import { formatDateTime, formatTime } from "../shell/format";
import { LoadState, Notice, Problem, Section } from "../shell/Section";
import { useResource } from "../shell/useResource";
import type { Session, SessionList } from "../types";
import { CancelDialog, OffersDialog } from "./SessionDialogs";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  session: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalM, padding: tokens.spacingVerticalS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  when: { fontWeight: tokens.fontWeightSemibold, minWidth: "16rem" },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, marginInlineStart: "auto" },
});

type Pending = { kind: "schedule" } | { kind: "move"; session: Session } | { kind: "cancel"; session: Session };

/** The pair's sessions and what can be done with them. */
export function SessionsCard() {
  const styles = useStyles();
  const sessions = useResource(() => api<SessionList>("/sessions"));
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const done = async (message: string) => {
    setPending(null);
    setProblem(null);
    setNotice(message);
    await sessions.reload();
  };
  const failed = async (error: unknown) => {
    setPending(null);
    if (error instanceof ApiError && error.status === 409) {
      setNotice("This session was changed meanwhile, so the list was reloaded. Check it and try again.");
      await sessions.reload();
    } else {
      setProblem(messageOf(error));
    }
  };

  const data = sessions.data;
  const schedule = data?.can_schedule ? (
    <Button appearance="primary" onClick={() => setPending({ kind: "schedule" })}>
      Schedule a session
    </Button>
  ) : undefined;

  return (
    <Section id="sessions" title="Sessions" actions={schedule}>
      <LoadState loading={sessions.loading && !data} error={sessions.error} label="sessions" />
      <Notice message={notice} />
      {problem && <Problem message={problem} />}
      {data && (
        <>
          <Subtitle2 as="h3">Upcoming</Subtitle2>
          {data.upcoming.length === 0 ? (
            <Body1 as="p">No session booked.{data.can_schedule ? " Schedule one when it suits you both." : ""}</Body1>
          ) : (
            <ul className={styles.list} aria-label="Upcoming sessions">
              {data.upcoming.map((session) => (
                <li key={session.id} className={styles.session}>
                  <SessionWhen session={session} />
                  <span>{session.subject}</span>
                  <div className={styles.actions}>
                    {session.join_url && (
                      <Link href={session.join_url} target="_blank" rel="noreferrer" aria-label={`Join the session on ${formatDateTime(session.starts_at)}`}>
                        Join
                      </Link>
                    )}
                    <Button size="small" onClick={() => setPending({ kind: "move", session })} aria-label={`Move the session on ${formatDateTime(session.starts_at)}`}>
                      Move
                    </Button>
                    <Button size="small" onClick={() => setPending({ kind: "cancel", session })} aria-label={`Cancel the session on ${formatDateTime(session.starts_at)}`}>
                      Cancel
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <Subtitle2 as="h3">Past</Subtitle2>
          {data.past.length === 0 ? (
            <Body1 as="p">None yet.</Body1>
          ) : (
            <ul className={styles.list} aria-label="Past sessions">
              {data.past.map((session) => (
                <li key={session.id} className={styles.session}>
                  <SessionWhen session={session} />
                  <span>{session.subject}</span>
                  <Badge appearance="tint" color={session.status === "cancelled" ? "danger" : "informative"}>
                    {session.status.charAt(0).toUpperCase() + session.status.slice(1)}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {pending && pending.kind !== "cancel" && (
        <OffersDialog
          moving={pending.kind === "move" ? pending.session : null}
          onClose={() => setPending(null)}
          onDone={(session) =>
            done(
              pending.kind === "move"
                ? `Moved to ${formatDateTime(session.starts_at)}. You both receive the updated invitation.`
                : `Booked: ${formatDateTime(session.starts_at)}. You both receive the invitation.`,
            )
          }
          onFailed={failed}
        />
      )}
      {pending?.kind === "cancel" && (
        <CancelDialog
          session={pending.session}
          onClose={() => setPending(null)}
          onDone={() => done("The session was cancelled and your partner was told.")}
          onFailed={failed}
        />
      )}
    </Section>
  );
}

function SessionWhen({ session }: { session: Session }) {
  const styles = useStyles();
  return (
    <span className={styles.when}>
      {formatDateTime(session.starts_at)}–{formatTime(session.ends_at)}
    </span>
  );
}
