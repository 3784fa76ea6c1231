// The closing reflection and feedback survey, shown only while the server says it is open.
import { Body1, Button, Field, Radio, RadioGroup, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { api, isNotFound, messageOf } from "../api";
import { Notice, Problem, Section } from "../shell/Section";
import { useResource } from "../shell/useResource";
import type { Reflection } from "../types";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, alignItems: "flex-start" },
  wide: { width: "100%" },
});

const SCALE = ["1", "2", "3", "4", "5"];

/** Nothing at all unless the reflection is open (a 404 means the server has none yet). */
export function ReflectionSection() {
  const styles = useStyles();
  const reflection = useResource(() => api<Reflection>("/reflection"));
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const given = reflection.data?.answers ?? {};
    setAnswers(Object.fromEntries(Object.entries(given).map(([key, value]) => [key, String(value)])));
  }, [reflection.data]);

  if (reflection.error !== undefined && isNotFound(reflection.error)) return null;
  if (reflection.error !== undefined) return <Problem message={messageOf(reflection.error)} />;
  const data = reflection.data;
  if (!data?.open) return null;

  const submit = async () => {
    const body: Record<string, string | number> = {};
    for (const question of data.questions) {
      const value = answers[question.id];
      if (value) body[question.id] = question.kind === "scale" ? Number(value) : value;
    }
    try {
      await api("/reflection", { method: "POST", body: { answers: body } });
      setProblem(null);
      setNotice("Thank you: your reflection is saved.");
    } catch (error) {
      setProblem(messageOf(error));
    }
  };

  return (
    <Section id="reflection" title="Reflection and feedback">
      <Body1 as="p">Look back on the mentorship: what worked, what you take with you, and how the programme could do better.</Body1>
      <div className={styles.form}>
        {data.questions.map((question) =>
          question.kind === "scale" ? (
            <Field key={question.id} label={question.text} hint="1 = not at all, 5 = very much">
              <RadioGroup layout="horizontal" value={answers[question.id] ?? ""} onChange={(_, choice) => setAnswers({ ...answers, [question.id]: choice.value })}>
                {SCALE.map((value) => (
                  <Radio key={value} value={value} label={value} />
                ))}
              </RadioGroup>
            </Field>
          ) : (
            <Field key={question.id} label={question.text} className={styles.wide}>
              <Textarea value={answers[question.id] ?? ""} onChange={(_, change) => setAnswers({ ...answers, [question.id]: change.value })} resize="vertical" />
            </Field>
          ),
        )}
        <Button appearance="primary" onClick={() => void submit()}>
          Send my reflection
        </Button>
      </div>
      <Notice message={notice} intent="success" />
      {problem && <Problem message={problem} />}
    </Section>
  );
}
