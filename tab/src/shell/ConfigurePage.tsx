// The configurable tab's setup page: adds the programme dashboard to the administrators' team.
import { Link, Text, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { pages } from "@microsoft/teams-js";
import { useEffect, useState } from "react";
import { Problem } from "./Section";

const useStyles = makeStyles({
  page: { maxWidth: "40rem", margin: "0 auto", padding: tokens.spacingHorizontalXXL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
});

/** Registers the save handler that points the channel tab at /tab/dashboard. */
export default function ConfigurePage({ inTeams }: { inTeams: boolean }) {
  const styles = useStyles();
  const [problem, setProblem] = useState<string | null>(null);
  const dashboard = `${window.location.origin}/tab/dashboard`;

  useEffect(() => {
    if (!inTeams) return;
    pages.config.registerOnSaveHandler((saveEvent) => {
      pages.config
        .setConfig({
          entityId: "tandem-dashboard",
          contentUrl: dashboard,
          websiteUrl: dashboard,
          suggestedDisplayName: "Programme dashboard",
        })
        .then(
          () => saveEvent.notifySuccess(),
          (error: unknown) => {
            const reason = error instanceof Error ? error.message : String(error);
            setProblem(`Teams did not save the tab: ${reason}`);
            saveEvent.notifyFailure(reason);
          },
        );
    });
    // Nothing to choose: the dashboard is the same for every administrators' team.
    pages.config.setValidityState(true);
  }, [inTeams, dashboard]);

  return (
    <main className={styles.page}>
      <Title2 as="h1">Programme dashboard</Title2>
      <Text as="p">
        This tab shows the programme administrators the whole cohort: the funnel, the pairs, sessions, nudges and
        who is still waiting. Add it to the administrators' team; people who are not administrators see only a
        short notice.
      </Text>
      <Text as="p">Press <strong>Save</strong> to add it to this channel.</Text>
      {!inTeams && (
        <Text as="p">
          Outside Teams there is nothing to save: open the <Link href="/tab/dashboard">dashboard</Link> directly.
        </Text>
      )}
      {problem && <Problem message={problem} />}
    </main>
  );
}
