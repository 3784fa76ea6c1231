// One chart of the dashboard: the bars, the same numbers as a table on request, and its CSV.
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { downloadCsv, messageOf } from "../api";
import { Problem, Section } from "../shell/Section";
import { BarChart, type Bar } from "./BarChart";

const useStyles = makeStyles({
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  note: { color: tokens.colorNeutralForeground2, margin: 0, fontSize: tokens.fontSizeBase200 },
  scroll: { maxHeight: "24rem", overflowY: "auto" },
});

// Beyond this many bars the chart groups the smallest into "Other"; the table shows them all.
const MAX_BARS = 12;

function forChart(bars: Bar[], keepOrder: boolean): Bar[] {
  if (keepOrder || bars.length <= MAX_BARS) return bars;
  const sorted = [...bars].sort((a, b) => b.value - a.value);
  const rest = sorted.slice(MAX_BARS - 1);
  return [...sorted.slice(0, MAX_BARS - 1), { label: `Other (${rest.length})`, value: rest.reduce((sum, bar) => sum + bar.value, 0) }];
}

interface ChartCardProps {
  id: string;
  title: string;
  csv: string;
  bars: Bar[];
  labelHeader: string;
  valueHeader: string;
  keepOrder?: boolean;
}

/** A titled chart with "Show table" and "Download CSV". */
export function ChartCard({ id, title, csv, bars, labelHeader, valueHeader, keepOrder = false }: ChartCardProps) {
  const styles = useStyles();
  const [asTable, setAsTable] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = forChart(bars, keepOrder);
  const download = () => downloadCsv(csv).then(() => setProblem(null), (error: unknown) => setProblem(messageOf(error)));
  const actions = (
    <div className={styles.actions}>
      <Button size="small" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
        {asTable ? "Show chart" : "Show table"}
      </Button>
      <Button size="small" onClick={() => void download()} aria-label={`Download CSV: ${title}`}>
        Download CSV
      </Button>
    </div>
  );
  return (
    <Section id={id} title={title} actions={actions}>
      {asTable ? (
        <div className={styles.scroll}>
          <Table size="small" aria-label={title}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{labelHeader}</TableHeaderCell>
                <TableHeaderCell>{valueHeader}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {bars.map((bar, index) => (
                <TableRow key={`${bar.label}-${index}`}>
                  <TableCell>{bar.label}</TableCell>
                  <TableCell>{bar.value}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : (
        <>
          <BarChart id={id} title={title} bars={shown} />
          {bars.length === 0 && <p className={styles.note}>Nothing to show yet.</p>}
          {shown !== bars && <p className={styles.note}>The smallest groups are added up in “Other”; the table lists every one.</p>}
        </>
      )}
      {problem && <Problem message={problem} />}
    </Section>
  );
}
