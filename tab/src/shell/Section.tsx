import { Card, MessageBar, MessageBarBody, Spinner, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { messageOf } from "../api";

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalM },
  header: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  heading: { margin: 0 },
});

interface SectionProps {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled region of a page: a card whose h2 names it for screen readers. */
export function Section({ id, title, actions, children }: SectionProps) {
  const styles = useStyles();
  return (
    <section aria-labelledby={`${id}-title`}>
      <Card className={styles.card}>
      <div className={styles.header}>
        <Title3 as="h2" id={`${id}-title`} className={styles.heading}>
          {title}
        </Title3>
        {actions}
      </div>
        {children}
      </Card>
    </section>
  );
}

/** A spinner while loading, the error's message if it failed. */
export function LoadState({ loading, error, label }: { loading: boolean; error: unknown; label: string }) {
  if (error !== undefined) return <Problem message={messageOf(error)} />;
  if (loading) return <Spinner size="tiny" label={`Loading ${label}…`} />;
  return null;
}

/** A failure, told in words. */
export function Problem({ message }: { message: string }) {
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}

/** A short-lived notice (saved, reloaded after a conflict). */
export function Notice({ message, intent = "info" }: { message: string | null; intent?: "info" | "warning" | "success" }) {
  if (!message) return null;
  return (
    <MessageBar intent={intent} role="status">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}
