"use client";

import type { BarChartModel } from "../charts";

/**
 * A horizontal bar chart in SVG, rendered on the server like the rest of the page: readable
 * before hydration, printable. The SVG is one image with a text alternative; the figures
 * themselves are in the table that follows every chart.
 *
 * A client component although it has no state: the page's payload then carries its model (paths
 * and labels, from `barChartModel`) instead of every SVG element, which the server would
 * otherwise serialise beside the HTML that says the same.
 */
export function BarChart({ model }: { model: BarChartModel }) {
  const { title, width, height, axisX, series, paths, labels, values } = model;
  return (
    <figure className="fr-my-2w">
      {series.length ? (
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
          {labels.map((label, index) => (
            <text key={index} x={axisX - 10} y={label.y} dominantBaseline="middle">
              {label.full ? [<title key="title">{label.full}</title>, label.text] : label.text}
            </text>
          ))}
        </g>
        {paths.map((path, index) => (
          <path key={index} d={path.d} style={{ fill: path.color }} />
        ))}
        <g fontSize="12" fill="var(--text-mention-grey)">
          {values.map((value, index) => (
            <text key={index} x={value.x} y={value.y} dominantBaseline="middle">
              {value.text}
            </text>
          ))}
        </g>
        <line x1={axisX} x2={axisX} y1={0} y2={height} stroke="var(--border-default-grey)" />
      </svg>
    </figure>
  );
}
