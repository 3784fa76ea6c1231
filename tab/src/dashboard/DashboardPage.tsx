// The programme dashboard for administrators: charts of the cohort, the lists that need
// action, matching, and confidential reads on request.
import { Caption1, MessageBar, MessageBarBody, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect } from "react";
import { ApiError, api } from "../api";
import { formatDateTime } from "../shell/format";
import { LoadState, Notice, Problem } from "../shell/Section";
import { useResource } from "../shell/useResource";
import type { Dashboard, LabelCount } from "../types";
import { AdminActions } from "./AdminActions";
import { ChartCard } from "./ChartCard";
import { CaseNoteRead } from "./CaseNoteRead";
import { ConfidentialRead } from "./ConfidentialRead";
import { ListCard } from "./ListCard";

const useStyles = makeStyles({
  page: { maxWidth: "84rem", margin: "0 auto", padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXXL}`, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(26rem, 1fr))", gap: tokens.spacingHorizontalL, alignItems: "start" },
});

const MONTH = new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric" });

function humanise(text: string): string {
  const words = text.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function monthLabel(month: string): string {
  const [year, number] = month.split("-").map(Number);
  return MONTH.format(new Date(year ?? 1970, (number ?? 1) - 1, 1));
}

const bars = (rows: LabelCount[]) => rows.map((row) => ({ label: row.label, value: row.count }));

const PAIRS_BY = [
  ["duty_station", "Pairs by duty station", "Duty station"],
  ["grade", "Pairs by grade", "Grade"],
  ["language", "Pairs by language", "Language"],
  ["entity", "Pairs by entity", "Entity"],
] as const;

/** The dashboard page; a clear notice for anyone who is not an administrator. */
export default function DashboardPage() {
  const styles = useStyles();
  const dashboard = useResource(() => api<Dashboard>("/admin/dashboard"));
  const data = dashboard.data;

  useEffect(() => {
    // bench/tab_paint.py reads this mark: the first frame with the charts drawn.
    if (data) requestAnimationFrame(() => performance.mark("tandem:dashboard-painted"));
  }, [data]);

  if (dashboard.error instanceof ApiError && dashboard.error.status === 403) {
    return (
      <main className={styles.page}>
        <Title2 as="h1">Programme dashboard</Title2>
        <Problem message="Only the programme's administrators can see the dashboard." />
      </main>
    );
  }
  return (
    <main className={styles.page} data-ready={data ? "true" : "false"}>
      <div>
        <Title2 as="h1" className={styles.heading}>
          Programme dashboard
        </Title2>
        <Caption1 block>The whole cohort at a glance; every chart can be read as a table or downloaded as CSV.</Caption1>
      </div>
      <LoadState loading={dashboard.loading && !data} error={dashboard.error} label="the dashboard" />
      {data && (
        <>
          {data.funnel.every((row) => row.count === 0) && <Notice message="Nobody has applied to this edition yet: the charts fill in as people sign up." />}
          {data.cohort_notice && (
            <MessageBar intent="warning" data-testid="cohort-notice">
              <MessageBarBody>
                {data.cohort_notice} Once personal data is deleted, the charts show anonymous counts only.
              </MessageBarBody>
            </MessageBar>
          )}
          <AdminActions onChanged={dashboard.reload} ended={Boolean(data.cohort_notice)} />
          <div className={styles.grid}>
            <ChartCard id="funnel" title="Funnel" csv="funnel" labelHeader="Stage" valueHeader="People" keepOrder bars={data.funnel.map((row) => ({ label: humanise(row.stage), value: row.count }))} />
            {PAIRS_BY.map(([key, title, header]) => (
              <ChartCard key={key} id={`pairs-by-${key}`} title={title} csv={`pairs_by_${key}`} labelHeader={header} valueHeader="Pairs" bars={bars(data.pairs_by[key] ?? [])} />
            ))}
            <ChartCard id="sessions-per-month" title="Sessions per month" csv="sessions_per_month" labelHeader="Month" valueHeader="Sessions" keepOrder bars={data.sessions_per_month.map((row) => ({ label: monthLabel(row.month), value: row.count }))} />
            <ChartCard id="first-contact" title="Days to first contact" csv="first_contact_days" labelHeader="Days" valueHeader="Pairs" keepOrder bars={bars(data.first_contact_days)} />
            <ChartCard id="nudges" title="Nudges by outcome" csv="nudges" labelHeader="Nudge and outcome" valueHeader="Nudges" keepOrder bars={data.nudges.map((row) => ({ label: `${humanise(row.kind)}: ${row.outcome}`, value: row.count }))} />
          </div>
          <div className={styles.grid}>
            <ListCard id="unmatched" title="Unmatched mentees" csv="unmatched" headers={["Mentee", "Rule that kept them unmatched"]} rows={data.unmatched.map((row) => [row.mentee, row.rule])} empty="The matching finds a mentor for every mentee." />
            <ListCard id="without-contact" title="Pairs without contact" csv="without_contact" headers={["Mentee", "Mentor", "Days since pairing"]} rows={data.without_contact.map((row) => [row.mentee, row.mentor, row.days])} empty="No pair is waiting for a first contact." />
            <ListCard id="queue" title="Rematch and conflict queue" headers={["Kind", "Pair", "Opened", "Status"]} rows={data.queue.map((row) => [humanise(row.kind), row.pair, formatDateTime(row.opened_at), humanise(row.status)])} empty="Nothing waiting." />
          </div>
          {data.queue.length > 0 && <CaseNoteRead queue={data.queue} />}
          <ConfidentialRead />
        </>
      )}
    </main>
  );
}
