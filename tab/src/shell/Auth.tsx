// Who is signed in: the Teams SSO token inside Teams, a dev sign-in outside (dev mode only).
import { Button, Spinner, Text, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { api, isNotFound, messageOf, onUnauthorized, tokenStore } from "../api";
import { teamsToken, type Host } from "../teams";
import { Notice, Problem } from "./Section";

const useStyles = makeStyles({
  page: { maxWidth: "40rem", margin: "0 auto", padding: tokens.spacingHorizontalXXL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  people: { listStyle: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  person: { width: "100%", justifyContent: "flex-start", textAlign: "start" },
  hint: { fontWeight: tokens.fontWeightRegular },
});

interface Person {
  id: string;
  name: string;
  hint: string;
}

// In Teams a refused token is replaced once silently; a second refusal in a row is shown.
const TEAMS_RETRY_WINDOW_MS = 30_000;

/** Renders `children` once a token is in sessionStorage; asks for one otherwise. */
export function Auth({ host, children }: { host: Host; children: (signOut: (() => void) | null) => ReactNode }) {
  const [signedIn, setSignedIn] = useState(tokenStore.get() !== null);
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const lastTeamsToken = useRef(0);

  useEffect(() => {
    onUnauthorized((message) => {
      setNotice(`You need to sign in again: ${message}`);
      setSignedIn(false);
    });
  }, []);

  const signedInNow = useCallback((token: string) => {
    tokenStore.set(token);
    setSignedIn(true);
    setGeneration((value) => value + 1);
  }, []);

  useEffect(() => {
    if (signedIn || !host.inTeams) return;
    if (Date.now() - lastTeamsToken.current < TEAMS_RETRY_WINDOW_MS) return;
    lastTeamsToken.current = Date.now();
    teamsToken().then(
      (token) => {
        setNotice(null);
        signedInNow(token);
      },
      (error: unknown) => setNotice(`Teams did not sign you in to Tandem: ${messageOf(error)}`),
    );
  }, [host.inTeams, signedIn, signedInNow]);

  if (signedIn) {
    const signOut = host.inTeams
      ? null
      : () => {
          tokenStore.clear();
          setNotice(null);
          setSignedIn(false);
        };
    return <div key={generation}>{children(signOut)}</div>;
  }
  if (host.inTeams) {
    return notice ? <Problem message={notice} /> : <Spinner label="Signing you in through Teams…" />;
  }
  return (
    <DevSignIn
      notice={notice}
      onSignedIn={(token) => {
        setNotice(null);
        signedInNow(token);
      }}
    />
  );
}

function DevSignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: (token: string) => void }) {
  const styles = useStyles();
  const [people, setPeople] = useState<Person[]>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    api<{ people: Person[] }>("/dev/people", { anonymous: true }).then(
      (answer) => setPeople(answer.people),
      (error: unknown) =>
        setProblem(
          isNotFound(error)
            ? "Open Tandem in Microsoft Teams: signing in outside Teams is only possible in dev mode."
            : messageOf(error),
        ),
    );
  }, []);

  const signIn = async (person: Person) => {
    setBusy(person.id);
    try {
      const answer = await api<{ token: string }>("/dev/sign-in", { method: "POST", body: { id: person.id }, anonymous: true });
      onSignedIn(answer.token);
    } catch (error) {
      setProblem(messageOf(error));
      setBusy(null);
    }
  };

  return (
    <main className={styles.page}>
      <Title2 as="h1">Sign in to Tandem (dev mode)</Title2>
      <Notice message={notice} intent="warning" />
      <Text>Outside Teams, development mode lets you look at the tabs as one of the demo people.</Text>
      {problem && <Problem message={problem} />}
      {!people && !problem && <Spinner size="tiny" label="Loading the demo people…" />}
      {people && (
        <ul className={styles.people} aria-label="Demo people">
          {people.map((person) => (
            <li key={person.id}>
              <Button
                className={styles.person}
                appearance="secondary"
                size="large"
                disabled={busy !== null}
                onClick={() => void signIn(person)}
              >
                <span>
                  Sign in as <strong>{person.name}</strong>
                  {person.hint && <span className={styles.hint}> — {person.hint}</span>}
                </span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
