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

export function BarChart({ title, series, groups }: { title: string; series: BarSeries[]; groups: BarGroup[] }) {
  const max = Math.max(1, ...groups.flatMap((group) => group.values));
  const groupHeight = series.length * BAR_HEIGHT + (series.length - 1) * BAR_GAP;
  const height = groups.length * (groupHeight + GROUP_GAP) + GROUP_GAP;
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
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
        {groups.map((group, groupIndex) => {
          const top = GROUP_GAP + groupIndex * (groupHeight + GROUP_GAP);
          return (
            <g key={`${group.label}-${groupIndex}`}>
              <text x={LABEL_WIDTH - 10} y={top + groupHeight / 2} dominantBaseline="middle" textAnchor="end" fontSize="13" fill="var(--text-default-grey)">
                <title>{group.label}</title>
                {shorten(group.label)}
              </text>
              {group.values.map((value, serieIndex) => {
                const y = top + serieIndex * (BAR_HEIGHT + BAR_GAP);
                const barWidth = (value / max) * BAR_AREA;
                return (
                  <g key={series[serieIndex]?.name ?? serieIndex}>
                    <rect x={LABEL_WIDTH} y={y} width={Math.max(value > 0 ? 2 : 0, barWidth)} height={BAR_HEIGHT} style={{ fill: series[serieIndex]?.color }} />
                    <text x={LABEL_WIDTH + barWidth + 6} y={y + BAR_HEIGHT / 2} dominantBaseline="middle" fontSize="12" fill="var(--text-mention-grey)">
                      {formatNumber(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} stroke="var(--border-default-grey)" />
      </svg>
    </figure>
  );
}
