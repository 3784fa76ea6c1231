// The Mentorship Agreement: goals and actions with owner, due date and status, shared and
// editable by both partners; every change is versioned, so a stale edit is reloaded, not lost.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { ApiError, api, messageOf } from "../api";
import { formatDateTime, formatDay } from "../shell/format";
import { LoadState, Notice, Problem, Section } from "../shell/Section";
import { useResource } from "../shell/useResource";
import type { Agreement, AgreementItem, ItemFields } from "../types";
import { DeleteItemDialog, ItemDialog } from "./ItemDialog";
import { OWNERS, STATUSES } from "./labels";

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { minWidth: "44rem" },
  actions: { display: "flex", gap: tokens.spacingHorizontalXS },
  history: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

const STATUS_COLOURS = { open: "informative", in_progress: "warning", done: "success" } as const;

type Editing = { kind: "add" } | { kind: "edit"; item: AgreementItem } | { kind: "delete"; item: AgreementItem };

/** The agreement table, its editing dialogs and its history. */
export function AgreementSection({ role }: { role: "mentee" | "mentor" }) {
  const styles = useStyles();
  const agreement = useResource(() => api<Agreement>("/agreement"));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const finish = async (message: string) => {
    setEditing(null);
    setProblem(null);
    setNotice(message);
    await agreement.reload();
  };
  // 409: the partner saved first. Reload and say so; the dialog closes so nothing stale is resent.
  const conflict = async (error: unknown): Promise<boolean> => {
    if (!(error instanceof ApiError && error.status === 409)) return false;
    setEditing(null);
    setNotice("Your partner changed the agreement meanwhile. It has been reloaded: check the item and make your change again.");
    await agreement.reload();
    return true;
  };

  const save = async (fields: ItemFields, item: AgreementItem | null) => {
    if (item === null) {
      await api<AgreementItem>("/agreement/items", { method: "POST", body: fields });
      await finish("Added to the agreement.");
      return;
    }
    const changed = Object.fromEntries(Object.entries(fields).filter(([key, value]) => item[key as keyof ItemFields] !== value));
    await api<AgreementItem>(`/agreement/items/${item.id}`, { method: "PATCH", body: { version: item.version, ...changed } });
    await finish("Saved.");
  };
  const remove = async (item: AgreementItem) => {
    try {
      await api<void>(`/agreement/items/${item.id}`, { method: "DELETE", query: { version: item.version } });
      await finish("Removed from the agreement.");
    } catch (error) {
      if (!(await conflict(error))) {
        setEditing(null);
        setProblem(messageOf(error));
      }
    }
  };

  const data = agreement.data;
  const add = (
    <Button appearance="primary" onClick={() => setEditing({ kind: "add" })} disabled={!data}>
      Add a goal or action
    </Button>
  );
  return (
    <Section id="agreement" title="Mentorship Agreement" actions={add}>
      <Body1 as="p" style={{ margin: 0 }}>
        Your shared plan: what you want to achieve, the actions that get you there, who does them and by when. You
        and your {role === "mentee" ? "mentor" : "mentee"} can both change it.
      </Body1>
      <LoadState loading={agreement.loading && !data} error={agreement.error} label="the agreement" />
      <Notice message={notice} />
      {problem && <Problem message={problem} />}
      {data && data.items.length === 0 && <Body1 as="p">Nothing agreed yet. Add your first goal together.</Body1>}
      {data && data.items.length > 0 && (
        <div className={styles.scroll}>
          <Table className={styles.table} aria-label="Goals and actions" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Goal</TableHeaderCell>
                <TableHeaderCell>Action</TableHeaderCell>
                <TableHeaderCell>Owner</TableHeaderCell>
                <TableHeaderCell>Due</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Edit or delete</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((item) => (
                <TableRow key={item.id}>
                  <TableCell>{item.goal}</TableCell>
                  <TableCell>{item.action}</TableCell>
                  <TableCell>{OWNERS[item.owner]}</TableCell>
                  <TableCell>{item.due ? formatDay(item.due) : "—"}</TableCell>
                  <TableCell>
                    <Badge appearance="tint" color={STATUS_COLOURS[item.status]}>
                      {STATUSES[item.status]}
                    </Badge>
                  </TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Button size="small" onClick={() => setEditing({ kind: "edit", item })} aria-label={`Edit “${item.action}”`}>
                        Edit
                      </Button>
                      <Button size="small" onClick={() => setEditing({ kind: "delete", item })} aria-label={`Delete “${item.action}”`}>
                        Delete
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {data && data.history.length > 0 && (
        <Accordion collapsible>
          <AccordionItem value="history">
            <AccordionHeader as="h3">History ({data.history.length} {data.history.length === 1 ? "change" : "changes"})</AccordionHeader>
            <AccordionPanel>
              <ol className={styles.history} aria-label="Changes to the agreement, newest first">
                {[...data.history].sort((a, b) => b.at.localeCompare(a.at)).map((entry, index) => (
                  <li key={`${entry.at}-${index}`}>
                    {formatDateTime(entry.at)} — {entry.by}: {entry.change}
                  </li>
                ))}
              </ol>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
      {editing && editing.kind !== "delete" && (
        <ItemDialog
          item={editing.kind === "edit" ? editing.item : null}
          onClose={() => setEditing(null)}
          onSave={save}
          onConflict={conflict}
        />
      )}
      {editing?.kind === "delete" && (
        <DeleteItemDialog item={editing.item} onClose={() => setEditing(null)} onDelete={() => remove(editing.item)} />
      )}
    </Section>
  );
}
