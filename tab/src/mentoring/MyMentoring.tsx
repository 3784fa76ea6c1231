// "My mentoring": where I stand, my partner, sessions, the agreement, my journal, resources.
import { Badge, Body1, Caption1, Subtitle2, Title2, makeStyles, tokens } from "@fluentui/react-components";
import { api } from "../api";
import { LoadState, Section } from "../shell/Section";
import { useResource } from "../shell/useResource";
import type { Me, Pairing, Stage } from "../types";
import { AgreementSection } from "./AgreementSection";
import { JournalSection } from "./JournalSection";
import { PartnerCard } from "./PartnerCard";
import { ReflectionSection } from "./ReflectionSection";
import { ResourcesSection } from "./ResourcesSection";
import { SessionsCard } from "./SessionsCard";

export const usePageStyles = makeStyles({
  page: { maxWidth: "72rem", margin: "0 auto", padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXXL}`, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(20rem, 1fr))", gap: tokens.spacingHorizontalL, alignItems: "start" },
  stage: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

const STAGES: Record<Stage, string> = {
  not_registered: "Not registered yet",
  draft: "Application in progress",
  registered: "Registered",
  suggestions_waiting: "Suggestions are waiting for you",
  request_pending: "Request sent, waiting for an answer",
  paired: "Paired",
  ended: "Mentorship ended",
};

/** The personal tab's page. */
export default function MyMentoring() {
  const styles = usePageStyles();
  const me = useResource(() => api<Me>("/me"));
  const pairing = useResource(() => api<{ pairing: Pairing | null }>("/pairing"));
  const paired = pairing.data?.pairing ?? null;

  return (
    <main className={styles.page}>
      <div>
        <Title2 as="h1" className={styles.heading}>
          My mentoring
        </Title2>
        {me.data && <Caption1 block>{me.data.programme.name}</Caption1>}
      </div>
      <LoadState loading={me.loading && !me.data} error={me.error} label="where you stand" />
      {me.data && (
        <>
          <div className={styles.grid}>
            <StageCard me={me.data} />
            <Section id="partner" title={paired?.my_role === "mentor" ? "My mentee" : "My mentor"}>
              <LoadState loading={pairing.loading && !pairing.data} error={pairing.error} label="your partner" />
              {pairing.data && <PartnerCard pairing={paired} />}
            </Section>
          </div>
          {paired && <SessionsCard />}
          {paired && <AgreementSection role={paired.my_role} />}
          <JournalSection />
          {paired && <ReflectionSection />}
          <ResourcesSection />
        </>
      )}
    </main>
  );
}

function StageCard({ me }: { me: Me }) {
  const styles = usePageStyles();
  return (
    <Section id="stage" title="Where I stand">
      <div className={styles.stage}>
        <div>
          <Badge appearance="filled" color={me.stage === "paired" ? "success" : "brand"} size="large">
            {STAGES[me.stage]}
          </Badge>{" "}
          {me.role && (
            <Badge appearance="outline" color="informative">
              {me.role === "mentee" ? "Mentee" : "Mentor"}
            </Badge>
          )}
        </div>
        <Subtitle2 as="h3">Next step</Subtitle2>
        <Body1 as="p" style={{ margin: 0 }}>
          {me.next_step}
        </Body1>
      </div>
    </Section>
  );
}
