// The programme's guides from the seeds: phases, first-meeting questions, checklists, exercises.
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Body1, makeStyles, tokens } from "@fluentui/react-components";
import { api } from "../api";
import { LoadState, Section } from "../shell/Section";
import { useResource } from "../shell/useResource";
import type { ResourceSection } from "../types";

const useStyles = makeStyles({
  items: { margin: `${tokens.spacingVerticalS} 0`, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
});

/** One accordion item per guide; several may be open at once. */
export function ResourcesSection() {
  const styles = useStyles();
  const resources = useResource(() => api<{ sections: ResourceSection[] }>("/resources"));
  return (
    <Section id="resources" title="Resources">
      <LoadState loading={resources.loading && !resources.data} error={resources.error} label="the resources" />
      {resources.data && (
        <Accordion multiple collapsible>
          {resources.data.sections.map((section) => (
            <AccordionItem key={section.id} value={section.id}>
              <AccordionHeader as="h3">{section.title}</AccordionHeader>
              <AccordionPanel>
                {section.intro && <Body1 as="p">{section.intro}</Body1>}
                <ul className={styles.items}>
                  {section.items.map((item, index) => (
                    <li key={index}>
                      <Body1>{item}</Body1>
                    </li>
                  ))}
                </ul>
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      )}
    </Section>
  );
}
