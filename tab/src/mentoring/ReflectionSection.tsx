// The end-of-programme reflection and feedback survey (the bot's survey): shown once the server
// says it is open for the caller, answered once, then a thank-you with the day it was answered.
import { Body1, Button, Field, Radio, RadioGroup, Subtitle2, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { ApiError, api, isNotFound, messageOf } from "../api";
import { formatDateTime } from "../shell/format";
import { Notice, Problem, Section } from "../shell/Section";
import { useResource } from "../shell/useResource";
import type { Reflection, ReflectionQuestion } from "../types";

const MAX_TEXT = 2000;

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL, alignItems: "stretch", margin: 0 },
  intro: { margin: 0 },
  send: { alignSelf: "flex-start" },
});

type Answers = Record<string, string>;

/** Nothing unless the survey is open for the caller (404: no pairing or no survey). */
export function ReflectionSection() {
  const styles = useStyles();
  const reflection = useResource(() => api<Reflection>("/reflection"));
  const [answers, setAnswers] = useState<Answers>({});
  const [problems, setProblems] = useState<Answers>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [answered, setAnswered] = useState<Reflection | null>(null);

  if (reflection.error !== undefined && isNotFound(reflection.error)) return null;
  if (reflection.error !== undefined) return <Problem message={messageOf(reflection.error)} />;
  const data = answered ?? reflection.data;
  if (!data || (!data.open && !data.answered)) return null;

  if (data.answered) {
    return (
      <Section id="reflection" title="Reflection and feedback">
        <Notice
          intent="success"
          message={`Thank you — answered on ${data.answered_at ? formatDateTime(data.answered_at) : "an earlier day"}. Only the programme team sees the answers, added up with everyone else's.`}
        />
      </Section>
    );
  }

  const submit = async () => {
    const body: Record<string, string | number> = {};
    for (const question of data.questions) {
      const value = (answers[question.id] ?? "").trim();
      if (value) body[question.id] = question.kind === "rating" ? Number(value) : value;
    }
    setSending(true);
    try {
      setAnswered(await api<Reflection>("/reflection", { method: "POST", body: { answers: body } }));
      setProblem(null);
      setProblems({});
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        await reflection.reload();
      } else if (error instanceof ApiError && error.status === 400 && Object.keys(error.problems).length > 0) {
        setProblems(Object.fromEntries(Object.entries(error.problems).map(([field, text]) => [field.replace(/^answers\./, ""), text])));
        setProblem("Some answers need another look: see the questions marked below. Nothing was sent yet.");
      } else {
        setProblem(messageOf(error));
      }
    } finally {
      setSending(false);
    }
  };

  const change = (id: string, value: string) => {
    setAnswers({ ...answers, [id]: value });
    if (problems[id]) setProblems(Object.fromEntries(Object.entries(problems).filter(([key]) => key !== id)));
  };

  return (
    <Section id="reflection" title="Reflection and feedback">
      <Subtitle2 as="h3">{data.survey.title}</Subtitle2>
      <Body1 as="p" className={styles.intro}>
        {data.survey.intro}
      </Body1>
      <form
        className={styles.form}
        aria-label={data.survey.title}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {data.questions.map((question) => (
          <QuestionField key={question.id} question={question} value={answers[question.id] ?? ""} problem={problems[question.id]} onChange={(value) => change(question.id, value)} />
        ))}
        {problem && <Problem message={problem} />}
        <Button appearance="primary" type="submit" className={styles.send} disabled={sending}>
          {sending ? "Sending…" : "Send my answers"}
        </Button>
      </form>
    </Section>
  );
}

interface QuestionProps {
  question: ReflectionQuestion;
  value: string;
  problem: string | undefined;
  onChange: (value: string) => void;
}

/** One question as a labelled Fluent field: 1–5 radios, a choice's radios, or a text box. */
function QuestionField({ question, value, problem, onChange }: QuestionProps) {
  const state = problem ? { validationState: "error" as const, validationMessage: problem } : {};
  if (question.kind === "text") {
    return (
      <Field label={question.text} required={question.required} hint={`Up to ${MAX_TEXT.toLocaleString("en")} characters.`} {...state}>
        <Textarea value={value} onChange={(_, change) => onChange(change.value)} resize="vertical" rows={3} maxLength={MAX_TEXT} />
      </Field>
    );
  }
  const rating = question.kind === "rating";
  // Most ratings name their scale in the question ("1 = not at all"); the others get it here.
  const hint = rating && !question.text.includes("1 =") ? "1 is the lowest, 5 the highest." : undefined;
  return (
    <Field label={question.text} required={question.required} hint={hint} {...state}>
      <RadioGroup layout={rating ? "horizontal" : "vertical"} value={value} onChange={(_, choice) => onChange(choice.value)}>
        {question.options.map((option) => (
          <Radio key={option} value={option} label={option} />
        ))}
      </RadioGroup>
    </Field>
  );
}
