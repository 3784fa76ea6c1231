// The partner's public profile, with the time it is where they work, now.
import { Body1, Link, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Pairing, Partner } from "../types";
import { formatDay } from "../shell/format";

const useStyles = makeStyles({
  facts: { display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  value: { margin: 0 },
  name: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

function localTimeNow(partner: Partner): string {
  try {
    return new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone: partner.time_zone }).format(new Date());
  } catch {
    return partner.local_time; // an unknown zone name: the server's reading is the best we have
  }
}

/** The partner's card, or what to expect before there is one. */
export function PartnerCard({ pairing }: { pairing: Pairing | null }) {
  const styles = useStyles();
  const [now, setNow] = useState(() => (pairing ? localTimeNow(pairing.partner) : ""));
  useEffect(() => {
    if (!pairing) return undefined;
    const timer = setInterval(() => setNow(localTimeNow(pairing.partner)), 30_000);
    return () => clearInterval(timer);
  }, [pairing]);

  if (!pairing) {
    return <Body1 as="p">You are not paired yet. Your partner appears here as soon as the pairing is made.</Body1>;
  }
  const partner = pairing.partner;
  const first: [string, string][] = [
    ["Languages", partner.languages.join(", ") || "—"],
    ["Duty station", partner.duty_station || "—"],
    ["Local time now", `${now} (${partner.time_zone})`],
    ["Paired since", formatDay(pairing.started_at.slice(0, 10))],
  ];
  // The profile repeats some of the facts above (languages, duty station): show each once.
  const shown = new Set(first.map(([term]) => term));
  const rows = [...first, ...partner.profile.filter((entry) => !shown.has(entry.label)).map((entry): [string, string] => [entry.label, entry.value])];
  return (
    <>
      <div>
        <Text as="p" className={styles.name} block>
          {partner.name}
        </Text>
        <Link href={`mailto:${partner.email}`}>{partner.email}</Link>
      </div>
      <dl className={styles.facts}>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: "contents" }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
