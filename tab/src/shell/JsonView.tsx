// Shows an answer whose exact shape the contract leaves open (a matching summary, a
// registration) as nested definition lists, readable rather than raw JSON.
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: { display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  value: { margin: 0, whiteSpace: "pre-wrap" },
  items: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

function humanise(key: string): string {
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isLabelled(value: unknown): value is { label: string; value: unknown } {
  return typeof value === "object" && value !== null && "label" in value && "value" in value;
}

/** Any JSON value, as text, a list or a definition list. */
export function JsonView({ value }: { value: unknown }) {
  const styles = useStyles();
  if (value === null || value === undefined || value === "") return <>—</>;
  if (typeof value !== "object") return <>{typeof value === "boolean" ? (value ? "yes" : "no") : String(value)}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <>—</>;
    if (value.every(isLabelled)) {
      return <JsonView value={Object.fromEntries(value.map((entry) => [entry.label, entry.value]))} />;
    }
    if (value.every((entry) => typeof entry !== "object" || entry === null)) return <>{value.map(String).join(", ")}</>;
    return (
      <ul className={styles.items}>
        {value.map((entry, index) => (
          <li key={index}>
            <JsonView value={entry} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <dl className={styles.list}>
      {Object.entries(value as Record<string, unknown>).map(([key, entry]) => (
        <div key={key} style={{ display: "contents" }}>
          <dt className={styles.term}>{humanise(key)}</dt>
          <dd className={styles.value}>
            <JsonView value={entry} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
