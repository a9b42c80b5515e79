import { MISSION_STATES, MISSION_STATE_LABELS, type MissionState } from "@/features/missions/transitions";
import { toCsv } from "@/lib/csv";
import { formatMonth, formatNumber as formatFrenchNumber } from "@/lib/format-fr";
import { FAMILLES } from "@/lib/matching/referentiel/familles";
import type { FunnelRow, FunnelStep, HoursShared, MonthMinistryCount, StaffingTime, StateCount, SupplyDemandRow } from "./service";

/**
 * The observatory's tables, built once from the SQL results: the page shows them as the
 * accessible alternative of each chart and the CSV routes export the very same cells.
 */
export type Cell = string | number | null;

export interface FigureTable {
  headers: string[];
  rows: Cell[][];
}

export const FIGURES = {
  "offre-demande": { title: "Offre et demande par famille de compétences", fileName: "offre-demande-competences" },
  "missions-par-etat": { title: "Missions par état", fileName: "missions-par-etat" },
  "missions-par-ministere": { title: "Missions publiées par ministère et par mois", fileName: "missions-par-ministere-et-mois" },
  entonnoir: { title: "De la suggestion à la mission terminée", fileName: "entonnoir-candidats" },
  indicateurs: { title: "Indicateurs clés", fileName: "indicateurs-cles" },
} as const;
export type FigureId = keyof typeof FIGURES;

export function isFigureId(value: string): value is FigureId {
  return Object.hasOwn(FIGURES, value);
}

export const FREE_TAGS_LABEL = "Compétences libres";
const familyLabels = new Map(FAMILLES.map((family) => [family.id, family.label]));

export function familyLabel(family: string): string {
  return family === "libres" ? FREE_TAGS_LABEL : (familyLabels.get(family) ?? family);
}

export function supplyDemandTable(rows: SupplyDemandRow[]): FigureTable {
  return {
    headers: ["Famille de compétences", "Profils qui l'offrent", "Missions qui la demandent", "Écart (offre − demande)"],
    rows: rows.map((row) => [familyLabel(row.family), row.offered, row.asked, row.gap]),
  };
}

export function missionStateLabel(state: string): string {
  return MISSION_STATE_LABELS[state as MissionState] ?? state;
}

/** Every state in the order of a mission's life, zero included, so that an empty state shows as such. */
export function missionsByStateTable(rows: StateCount[]): FigureTable {
  const counts = new Map(rows.map((row) => [row.state, row.missions]));
  const states = [...MISSION_STATES, ...rows.map((row) => row.state).filter((state) => !(MISSION_STATES as readonly string[]).includes(state))];
  return { headers: ["État", "Missions"], rows: states.map((state) => [missionStateLabel(state), counts.get(state) ?? 0]) };
}

/**
 * "2025-03" → "mars 2025". From our month names, not toLocaleDateString: that builds an ICU
 * formatter per call, about 0.15 ms, and the ministries × months table calls it for every row.
 */
export function monthLabel(month: string): string {
  return formatMonth(month);
}

export function missionsByMinistryTable(rows: MonthMinistryCount[]): FigureTable {
  return {
    headers: ["Mois de publication", "Ministère", "Missions publiées"],
    rows: rows.map((row) => [monthLabel(row.month), row.ministry, row.missions]),
  };
}

export const FUNNEL_LABELS: Record<FunnelStep, string> = {
  suggested: "Repérés (suggestions, candidatures, ajouts DINUM)",
  proposed: "Mission proposée",
  accepted: "Acceptée par l'agent",
  consented: "Accord du manager",
  selected: "Retenus par l'administration",
  finished: "Mission terminée, heures confirmées",
};

export function funnelTable(rows: FunnelRow[]): FigureTable {
  return {
    headers: ["Étape", "Candidats", "Taux de passage depuis l'étape précédente (%)"],
    rows: rows.map((row) => [FUNNEL_LABELS[row.step], row.candidates, row.conversionRate]),
  };
}

export function keyFiguresTable(staffing: StaffingTime, hours: HoursShared): FigureTable {
  return {
    headers: ["Indicateur", "Valeur", "Unité"],
    rows: [
      ["Délai médian entre publication et démarrage", staffing.medianDays, "jours"],
      ["Missions démarrées prises en compte", staffing.missions, "missions"],
      ["Heures partagées", hours.hours, "heures"],
      ["Participations terminées", hours.participations, "participations"],
      ["Coût de prestation évité (estimation)", hours.costAvoided, "euros HT"],
      ["Taux journalier d'un prestataire retenu", hours.dailyRate, "euros HT par jour"],
    ],
  };
}

/** One decimal at most; French grouping and the true minus sign (« −36 », never « -36 »). */
export function formatNumber(value: number): string {
  return formatFrenchNumber(Math.round(value * 10) / 10);
}

/** A cell as the page shows it: French number formatting, a dash for « not applicable ». */
export function formatCell(cell: Cell): string {
  if (cell === null) return "—";
  return typeof cell === "number" ? formatNumber(cell) : cell;
}

/** A table as the page shows it: cells written in French, numbers' columns aligned right. */
export interface DisplayTable {
  headers: string[];
  /** A header is aligned right over a column of numbers (as its first row says). */
  headerRight: boolean[];
  rows: string[][];
  /** Per column: its cells are numbers (or « not applicable »), aligned right. */
  cellRight: boolean[];
}

export function displayTable(table: FigureTable): DisplayTable {
  return {
    headers: table.headers,
    headerRight: table.headers.map((_, index) => index > 0 && typeof table.rows[0]?.[index] === "number"),
    rows: table.rows.map((row) => row.map(formatCell)),
    cellRight: table.headers.map((_, index) => table.rows.length > 0 && table.rows.every((row) => typeof row[index] === "number" || row[index] === null)),
  };
}

/** The CSV of a figure: the same rows as its table (numbers with a decimal comma, no thousands separator). */
export function figureCsv(table: FigureTable): string {
  return toCsv(table.headers, table.rows);
}
