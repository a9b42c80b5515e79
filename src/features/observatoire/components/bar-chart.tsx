import { formatNumber } from "../tables";
/**
 * A horizontal bar chart drawn in SVG on the server: no script, readable before hydration,
 * printable. The SVG is one image with a text alternative; the figures themselves are in the
 * table that follows every chart.
 */
export interface BarSeries {
  name: string;
  /** A DSFR colour token, so that the chart follows the light and dark themes. */
  color: string;
}

export interface BarGroup {
  label: string;
  /** One value per series, in the series' order. */
  values: number[];
}

/** DSFR illustrative colours, for charts with several series. */
export const CHART_COLORS = [
  "var(--background-action-high-blue-france)",
  "var(--background-action-high-green-emeraude)",
  "var(--background-action-high-orange-terre-battue)",
  "var(--background-action-high-purple-glycine)",
  "var(--background-action-high-green-archipel)",
  "var(--background-action-high-pink-macaron)",
  "var(--background-action-high-yellow-tournesol)",
];

const LABEL_WIDTH = 300;
const BAR_AREA = 380;
const VALUE_WIDTH = 70;
const BAR_HEIGHT = 16;
const BAR_GAP = 3;
const GROUP_GAP = 14;
const LABEL_MAX_CHARACTERS = 44;

function shorten(label: string): string {
  return label.length > LABEL_MAX_CHARACTERS ? `${label.slice(0, LABEL_MAX_CHARACTERS - 1)}…` : label;
}

/** One decimal is enough for a drawing: shorter paths, the same picture. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The chart is drawn with one <path> per series (all its bars) rather than one element per bar:
 * a chart of a few hundred bars (12 ministries × 24 months) stays a few dozen nodes in the HTML
 * and in the React payload, which is what the page's render cost grows with.
 *
 * `stacked`: one bar per group, its series side by side along the bar, and one total at its end
 * (for many series, e.g. ministries per month, where grouped bars would be unreadable).
 */
export function BarChart({ title, series, groups, stacked = false }: { title: string; series: BarSeries[]; groups: BarGroup[]; stacked?: boolean }) {
  const sums = groups.map((group) => group.values.reduce((total, value) => total + value, 0));
  const max = Math.max(1, ...(stacked ? sums : groups.flatMap((group) => group.values)));
  const barsPerGroup = stacked ? 1 : series.length;
  const groupHeight = barsPerGroup * BAR_HEIGHT + (barsPerGroup - 1) * BAR_GAP;
  const height = groups.length * (groupHeight + GROUP_GAP) + GROUP_GAP;
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const paths = series.map(() => [] as string[]);
  const values: { x: number; y: number; value: number }[] = [];
  groups.forEach((group, groupIndex) => {
    const top = GROUP_GAP + groupIndex * (groupHeight + GROUP_GAP);
    let left = LABEL_WIDTH;
    group.values.forEach((value, serieIndex) => {
      if (serieIndex >= series.length) return;
      const barWidth = (value / max) * BAR_AREA;
      if (stacked) {
        if (value > 0) paths[serieIndex]!.push(`M${round(left)} ${top}h${round(barWidth)}v${BAR_HEIGHT}h${round(-barWidth)}z`);
        left += barWidth;
        return;
      }
      const y = top + serieIndex * (BAR_HEIGHT + BAR_GAP);
      const drawn = Math.max(value > 0 ? 2 : 0, barWidth);
      if (drawn > 0) paths[serieIndex]!.push(`M${LABEL_WIDTH} ${y}h${round(drawn)}v${BAR_HEIGHT}h${round(-drawn)}z`);
      values.push({ x: LABEL_WIDTH + barWidth + 6, y: y + BAR_HEIGHT / 2, value });
    });
    if (stacked) values.push({ x: left + 6, y: top + BAR_HEIGHT / 2, value: sums[groupIndex]! });
  });
  return (
    <figure className="fr-my-2w">
      {series.length > 1 ? (
        <ul className="fr-raw-list fr-mb-1w" aria-hidden="true" style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem 1.5rem" }}>
          {series.map((serie) => (
            <li key={serie.name} className="fr-text--sm fr-mb-0">
              <span style={{ display: "inline-block", width: "0.9rem", height: "0.9rem", background: serie.color, marginRight: "0.4rem", verticalAlign: "middle" }} />
              {serie.name}
            </li>
          ))}
        </ul>
      ) : null}
      <svg
        role="img"
        aria-label={`Diagramme en barres : ${title}. Les données sont dans le tableau qui suit.`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${width}px`, display: "block" }}
      >
        <g fontSize="13" fill="var(--text-default-grey)" textAnchor="end">
          {groups.map((group, groupIndex) => {
            const y = GROUP_GAP + groupIndex * (groupHeight + GROUP_GAP) + groupHeight / 2;
            const short = shorten(group.label);
            return (
              <text key={groupIndex} x={LABEL_WIDTH - 10} y={y} dominantBaseline="middle">
                {short === group.label ? short : [<title key="title">{group.label}</title>, short]}
              </text>
            );
          })}
        </g>
        {paths.map((d, serieIndex) => (d.length ? <path key={serieIndex} d={d.join("")} style={{ fill: series[serieIndex]!.color }} /> : null))}
        <g fontSize="12" fill="var(--text-mention-grey)">
          {values.map((value, index) => (
            <text key={index} x={round(value.x)} y={value.y} dominantBaseline="middle">
              {formatNumber(value.value)}
            </text>
          ))}
        </g>
        <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} stroke="var(--border-default-grey)" />
      </svg>
    </figure>
  );
}
