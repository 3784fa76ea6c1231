// A dashboard list (unmatched mentees, the queue, pairs without contact): a table, long ones
// shortened until asked, with the CSV where the API offers one.
import { Body1, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import { downloadCsv, messageOf } from "../api";
import { Problem, Section } from "../shell/Section";

const useStyles = makeStyles({
  scroll: { maxHeight: "28rem", overflowY: "auto" },
  footer: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
});

const FIRST_ROWS = 25;

interface ListCardProps {
  id: string;
  title: string;
  csv?: string;
  headers: string[];
  rows: ReactNode[][];
  empty: string;
}

/** The table of one list, first rows only until "Show all". */
export function ListCard({ id, title, csv, headers, rows, empty }: ListCardProps) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = all ? rows : rows.slice(0, FIRST_ROWS);
  const actions = csv ? (
    <Button size="small" aria-label={`Download CSV: ${title}`} onClick={() => void downloadCsv(csv).then(() => setProblem(null), (error: unknown) => setProblem(messageOf(error)))}>
      Download CSV
    </Button>
  ) : undefined;
  return (
    <Section id={id} title={`${title} (${rows.length})`} actions={actions}>
      {rows.length === 0 ? (
        <Body1 as="p">{empty}</Body1>
      ) : (
        <div className={styles.scroll}>
          <Table size="small" aria-label={title}>
            <TableHeader>
              <TableRow>
                {headers.map((header) => (
                  <TableHeaderCell key={header}>{header}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((cells, index) => (
                <TableRow key={index}>
                  {cells.map((cell, column) => (
                    <TableCell key={column}>{cell}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {rows.length > FIRST_ROWS && (
        <div className={styles.footer}>
          <Body1>
            Showing {shown.length} of {rows.length}.
          </Body1>
          <Button size="small" onClick={() => setAll(!all)}>
            {all ? `Show the first ${FIRST_ROWS}` : `Show all ${rows.length}`}
          </Button>
        </div>
      )}
      {problem && <Problem message={problem} />}
    </Section>
  );
}
