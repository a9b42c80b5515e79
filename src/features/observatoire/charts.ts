import { formatNumber } from "./tables";

/**
 * The geometry of the observatory's horizontal bar charts, computed on the server: the client
 * component that draws them (components/bar-chart.tsx) receives paths and formatted labels only.
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

export interface BarChartModel {
  title: string;
  width: number;
  height: number;
  /** Where the bars start: labels end just before it. */
  axisX: number;
  /** The legend, for charts of several series. */
  series: BarSeries[];
  /** One path per series holding all its bars; empty series are left out. */
  paths: { d: string; color: string }[];
  /** Group labels, shortened; `full` is the whole label when it was cut. */
  labels: { y: number; text: string; full?: string }[];
  /** The figure written at the end of each bar (stacked: of each group). */
  values: { x: number; y: number; text: string }[];
}

/**
 * The chart is drawn with one <path> per series (all its bars) rather than one element per bar:
 * a chart of a few hundred bars (12 ministries × 24 months) stays a few dozen nodes.
 *
 * `stacked`: one bar per group, its series side by side along the bar, and one total at its end
 * (for many series, e.g. ministries per month, where grouped bars would be unreadable).
 */
export function barChartModel({ title, series, groups, stacked = false }: { title: string; series: BarSeries[]; groups: BarGroup[]; stacked?: boolean }): BarChartModel {
  const sums = groups.map((group) => group.values.reduce((total, value) => total + value, 0));
  const max = Math.max(1, ...(stacked ? sums : groups.flatMap((group) => group.values)));
  const barsPerGroup = stacked ? 1 : series.length;
  const groupHeight = barsPerGroup * BAR_HEIGHT + (barsPerGroup - 1) * BAR_GAP;
  const height = groups.length * (groupHeight + GROUP_GAP) + GROUP_GAP;
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const paths = series.map(() => [] as string[]);
  const values: BarChartModel["values"] = [];
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
      values.push({ x: round(LABEL_WIDTH + barWidth + 6), y: y + BAR_HEIGHT / 2, text: formatNumber(value) });
    });
    if (stacked) values.push({ x: round(left + 6), y: top + BAR_HEIGHT / 2, text: formatNumber(sums[groupIndex]!) });
  });
  return {
    title,
    width,
    height,
    axisX: LABEL_WIDTH,
    series: series.length > 1 ? series : [],
    paths: paths.flatMap((d, serieIndex) => (d.length ? [{ d: d.join(""), color: series[serieIndex]!.color }] : [])),
    labels: groups.map((group, groupIndex) => {
      const short = shorten(group.label);
      return { y: GROUP_GAP + groupIndex * (groupHeight + GROUP_GAP) + groupHeight / 2, text: short, ...(short === group.label ? {} : { full: group.label }) };
    }),
    values,
  };
}
