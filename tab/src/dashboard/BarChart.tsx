// An accessible horizontal bar chart in SVG: a title and a summary for screen readers, every
// bar labelled with its value, colours from the theme's tokens (so high contrast works).
// Horizontal positions are percentages, so the chart fills its card without scaling the text.
import { makeStyles, tokens } from "@fluentui/react-components";

export interface Bar {
  label: string;
  value: number;
}

const useStyles = makeStyles({
  svg: { width: "100%", display: "block", overflow: "visible" },
  label: { fill: tokens.colorNeutralForeground1, fontSize: tokens.fontSizeBase300, fontFamily: tokens.fontFamilyBase },
  value: { fill: tokens.colorNeutralForeground1, fontSize: tokens.fontSizeBase300, fontFamily: tokens.fontFamilyBase, fontWeight: tokens.fontWeightSemibold },
  // The brand foreground keeps 3:1 against the card in all three Teams themes (WCAG 1.4.11).
  bar: { fill: tokens.colorBrandForeground1 },
  track: { fill: tokens.colorNeutralBackground3 },
});

const LABEL = 34; // % of the width for the labels
const SPAN = 54; // % for the longest bar; the rest holds its value
const ROW = 28;
const BAR = 20;
const MAX_LABEL_CHARS = 24;

function shorten(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

/** The chart; `bars` are drawn in the order given. */
export function BarChart({ id, title, bars }: { id: string; title: string; bars: Bar[] }) {
  const styles = useStyles();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const height = Math.max(ROW, bars.length * ROW);
  const top = bars.reduce<Bar | null>((best, bar) => (best === null || bar.value > best.value ? bar : best), null);
  const summary = top ? `${bars.length} bars; the largest is ${top.label} with ${top.value}.` : "No data yet.";
  return (
    <svg className={styles.svg} height={height} role="img" aria-labelledby={`${id}-svg-title ${id}-svg-desc`} data-chart={id}>
      <title id={`${id}-svg-title`}>{title}</title>
      <desc id={`${id}-svg-desc`}>{summary}</desc>
      {bars.map((bar, index) => {
        const y = index * ROW + (ROW - BAR) / 2;
        const width = (bar.value / max) * SPAN;
        const shown = bar.value > 0 ? Math.max(0.4, width) : 0;
        return (
          <g key={`${bar.label}-${index}`} aria-hidden="true">
            <text className={styles.label} x={`${LABEL - 1.5}%`} y={y + BAR / 2} dominantBaseline="central" textAnchor="end">
              {shorten(bar.label)}
            </text>
            <rect className={styles.track} x={`${LABEL}%`} y={y} width={`${SPAN}%`} height={BAR} rx={2} />
            <rect className={styles.bar} x={`${LABEL}%`} y={y} width={`${shown}%`} height={BAR} rx={2} />
            <text className={styles.value} x={`${LABEL + shown + 1}%`} y={y + BAR / 2} dominantBaseline="central">
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
