// An accessible horizontal bar chart in SVG: a title and a summary for screen readers, every
// bar labelled with its value, colours from the theme's tokens (so high contrast works).
import { makeStyles, tokens } from "@fluentui/react-components";

export interface Bar {
  label: string;
  value: number;
}

const useStyles = makeStyles({
  svg: { width: "100%", height: "auto", display: "block", overflow: "visible" },
  label: { fill: tokens.colorNeutralForeground1, fontSize: "13px", fontFamily: tokens.fontFamilyBase },
  value: { fill: tokens.colorNeutralForeground1, fontSize: "13px", fontFamily: tokens.fontFamilyBase, fontWeight: tokens.fontWeightSemibold },
  bar: { fill: tokens.colorBrandBackground },
  track: { fill: tokens.colorNeutralBackground3 },
});

const WIDTH = 640;
const LABEL_WIDTH = 200;
const VALUE_WIDTH = 56;
const ROW = 26;
const BAR = 18;
const MAX_LABEL_CHARS = 28;

function shorten(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

/** The chart; `bars` are drawn in the order given. */
export function BarChart({ id, title, bars }: { id: string; title: string; bars: Bar[] }) {
  const styles = useStyles();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, bars.length * ROW);
  const top = bars.reduce<Bar | null>((best, bar) => (best === null || bar.value > best.value ? bar : best), null);
  const summary = top ? `${bars.length} bars; the largest is ${top.label} with ${top.value}.` : "No data yet.";
  return (
    <svg
      className={styles.svg}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-svg-title ${id}-svg-desc`}
      data-chart={id}
    >
      <title id={`${id}-svg-title`}>{title}</title>
      <desc id={`${id}-svg-desc`}>{summary}</desc>
      {bars.map((bar, index) => {
        const y = index * ROW;
        const width = (bar.value / max) * span;
        return (
          <g key={`${bar.label}-${index}`} aria-hidden="true">
            <text className={styles.label} x={LABEL_WIDTH - 8} y={y + BAR - 4} textAnchor="end">
              {shorten(bar.label)}
            </text>
            <rect className={styles.track} x={LABEL_WIDTH} y={y} width={span} height={BAR} rx={2} />
            <rect className={styles.bar} x={LABEL_WIDTH} y={y} width={Math.max(bar.value > 0 ? 2 : 0, width)} height={BAR} rx={2} />
            <text className={styles.value} x={LABEL_WIDTH + width + 6} y={y + BAR - 4}>
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
