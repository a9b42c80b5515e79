import type { Metadata } from "next";
import { BarChart } from "@/features/observatoire/components/bar-chart";
import { CHART_COLORS, barChartModel } from "@/features/observatoire/charts";
import { CsvDownloadLink, FigureSection } from "@/features/observatoire/components/figure-section";
import { FigureDataTable } from "@/features/observatoire/components/figure-table";
import { ObservatoireFiltersForm } from "@/features/observatoire/components/filters-form";
import { parseObservatoireFilters } from "@/features/observatoire/filters";
import { formatDateTime } from "@/features/missions/format";
import { FIGURES_FRESHNESS_MINUTES, HOURS_PER_DAY, SUPPLY_FRESHNESS_MINUTES, listMinistries, observatoireFigures } from "@/features/observatoire/service";
import {
  FUNNEL_LABELS,
  displayTable,
  familyLabel,
  formatNumber,
  funnelTable,
  keyFiguresTable,
  missionsByMinistryTable,
  missionsByStateTable,
  monthLabel,
  supplyDemandTable,
} from "@/features/observatoire/tables";
import { describePeriod } from "@/lib/period";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Observatoire" };

/** The ministries × months table is cut to its most recent rows (about 5 months of 12 ministries); the CSV has them all. */
const MINISTRY_TABLE_ROWS = 60;

function KeyFigure({ title, value, detail }: { title: string; value: string; detail: string }) {
  return (
    <li className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
      <div className="fr-tile fr-tile--sm">
        <div className="fr-tile__body">
          <div className="fr-tile__content">
            <h2 className="fr-tile__title fr-text--md">{title}</h2>
            <p className="fr-h3 fr-mb-1v">{value}</p>
            <p className="fr-tile__detail">{detail}</p>
          </div>
        </div>
      </div>
    </li>
  );
}

export default async function ObservatoirePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("dinum");
  const filters = parseObservatoireFilters(await searchParams);
  const [{ figures, computedAt }, ministries] = await Promise.all([observatoireFigures(db(), user, filters), listMinistries(db(), user)]);
  const { staffing, hours } = figures;

  const months = [...new Set(figures.byMinistryAndMonth.map((row) => row.month))];
  const ministriesShown = [...new Set(figures.byMinistryAndMonth.map((row) => row.ministry))].sort((a, b) => a.localeCompare(b, "fr"));
  const published = new Map(figures.byMinistryAndMonth.map((row) => [`${row.month}|${row.ministry}`, row.missions]));
  const period = describePeriod({ du: filters.from, au: filters.to });
  const byState = missionsByStateTable(figures.byState);

  return (
    <>
      <h1>Observatoire</h1>
      <p className="fr-text--lead">
        Ce que les agents offrent, ce que les administrations demandent, et ce que le dispositif apporte.
      </p>
      <ObservatoireFiltersForm filters={filters} ministries={ministries} />
      {filters.from && filters.to && filters.from > filters.to ? (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w">
          <p>La date de début est après la date de fin : aucun chiffre ne peut correspondre à cette période.</p>
        </div>
      ) : null}
      <p role="status" className="fr-text--sm">
        Chiffres {period}, {filters.ministry ? `pour le ${filters.ministry}` : "pour tous les ministères"}, calculés le{" "}
        {formatDateTime(computedAt)} (ils sont recalculés au plus toutes les {FIGURES_FRESHNESS_MINUTES} minutes).
      </p>

      <section aria-labelledby="indicateurs-cles">
        <h2 id="indicateurs-cles" className="fr-sr-only">
          Indicateurs clés
        </h2>
        <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-2w">
          <KeyFigure title="Heures partagées" value={`${formatNumber(hours.hours)} h`} detail={`${formatNumber(hours.participations)} participations terminées`} />
          <KeyFigure
            title="Coût de prestation évité"
            value={`${formatNumber(hours.costAvoided)} €`}
            detail={`Estimation : heures × ${formatNumber(hours.dailyRate)} € par jour / ${HOURS_PER_DAY} h`}
          />
          <KeyFigure
            title="Délai médian de recrutement"
            value={staffing.medianDays === null ? "—" : `${formatNumber(staffing.medianDays)} jours`}
            detail={`De la publication au démarrage, sur ${formatNumber(staffing.missions)} missions démarrées`}
          />
          <KeyFigure
            title="Candidats retenus"
            value={formatNumber(figures.funnel.find((row) => row.step === "selected")?.candidates ?? 0)}
            detail="Par les administrations, parmi les candidats entrés dans la revue pendant la période"
          />
        </ul>
        <FigureDataTable caption="Indicateurs clés (données des tuiles)" table={displayTable(keyFiguresTable(staffing, hours))} />
        <p className="fr-mb-6w">
          <CsvDownloadLink figure="indicateurs" filters={filters} />
        </p>
      </section>

      <FigureSection
        figure="offre-demande"
        filters={filters}
        description={`Offre : profils ouverts ayant au moins une compétence de la famille, tels qu'ils étaient le ${formatDateTime(figures.supplyComputedAt)} (l'offre est recalculée au plus toutes les ${SUPPLY_FRESHNESS_MINUTES} minutes). Demande : missions publiées pendant la période qui la recherchent, à l'instant. Un écart négatif signale une famille où la demande dépasse l'offre.`}
        table={supplyDemandTable(figures.supplyDemand)}
        chart={
          <BarChart
            model={barChartModel({
              title: "Offre et demande par famille de compétences",
              series: [
                { name: "Profils qui l'offrent", color: CHART_COLORS[0]! },
                { name: "Missions qui la demandent", color: CHART_COLORS[2]! },
              ],
              groups: figures.supplyDemand.map((row) => ({ label: familyLabel(row.family), values: [row.offered, row.asked] })),
            })}
          />
        }
      />

      <FigureSection
        figure="missions-par-etat"
        filters={filters}
        description="État actuel des missions déposées pendant la période (date de création pour les brouillons)."
        table={byState}
        chart={
          <BarChart
            model={barChartModel({
              title: "Missions par état",
              series: [{ name: "Missions", color: CHART_COLORS[0]! }],
              groups: byState.rows.map(([label, count]) => ({ label: String(label), values: [Number(count)] })),
            })}
          />
        }
      />

      <FigureSection
        figure="missions-par-ministere"
        filters={filters}
        description="Missions publiées, par mois de publication et par ministère de l'administration demandeuse : une barre par mois, une couleur par ministère, le total au bout."
        table={missionsByMinistryTable(figures.byMinistryAndMonth)}
        maxRows={MINISTRY_TABLE_ROWS}
        chart={
          <BarChart
            model={barChartModel({
              stacked: true,
              title: "Missions publiées par ministère et par mois",
              series: ministriesShown.map((ministry, index) => ({ name: ministry, color: CHART_COLORS[index % CHART_COLORS.length]! })),
              groups: months.map((month) => ({ label: monthLabel(month), values: ministriesShown.map((ministry) => published.get(`${month}|${ministry}`) ?? 0) })),
            })}
          />
        }
      />

      <FigureSection
        figure="entonnoir"
        filters={filters}
        description="Candidats entrés dans la revue pendant la période, sur les missions du ministère : chaque étape compte ceux qui l'ont atteinte, même si la suite a échoué (un refus du manager compte comme une acceptation de l'agent)."
        table={funnelTable(figures.funnel)}
        chart={
          <BarChart
            model={barChartModel({
              title: "De la suggestion à la mission terminée",
              series: [{ name: "Candidats", color: CHART_COLORS[1]! }],
              groups: figures.funnel.map((row) => ({ label: FUNNEL_LABELS[row.step], values: [row.candidates] })),
            })}
          />
        }
      />
      <p className="fr-text--xs">
        Les heures partagées et le coût évité comptent les heures confirmées par les deux parties pendant la période, sur les
        missions du ministère ; le délai médian, les missions démarrées pendant la période.
      </p>
    </>
  );
}
