import { TableFrame } from "@/components/table/table-frame";
import type { ReactNode } from "react";
import { formatDateTime, formatDay, formatHours } from "@/features/missions/format";
import { CANDIDATE_STATES } from "@/features/propositions/states";
import type { PersonalDataExport } from "../service";

const LEVELS: Record<string, string> = { notions: "notions", autonome: "autonome", expert: "expert" };
const WORK_MODES: Record<string, string> = { distance: "à distance", sur_site: "sur site", mixte: "à distance ou sur site" };
const APPLICATION_STATES: Record<string, string> = { active: "en cours", retiree: "retirée" };
const EMAIL_STATES: Record<string, string> = { en_attente: "en attente d'envoi", envoye: "envoyé", conserve: "conservé (pas de serveur d'envoi)", echec: "échec de l'envoi" };

function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="fr-mb-5w">
      <h2 id={id} className="fr-h4">
        {title}
        {count !== undefined ? ` (${count})` : ""}
      </h2>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="fr-text--sm fr-mb-0">{children}</p>;
}

function Table({ caption, headers, rows }: { caption: string; headers: string[]; rows: ReactNode[][] }) {
  return (
    <TableFrame label={caption} className="fr-table--no-caption fr-mb-0">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, index) => (
            <tr key={index}>
              {cells.map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}

/** The readable side of the export: the same data as the JSON file, section by section. */
export function DataSummary({ data }: { data: PersonalDataExport }) {
  const { account, profile } = data;
  return (
    <>
      <Section id="donnees-compte" title="Mon compte">
        <dl>
          <dt className="fr-text--bold">Nom</dt>
          <dd>{`${account.givenName} ${account.usualName}`.trim() || "—"}</dd>
          <dt className="fr-text--bold">Adresse électronique</dt>
          <dd>{account.email}</dd>
          <dt className="fr-text--bold">Administration (SIRET, service)</dt>
          <dd>
            {account.administration ?? "Non renseignée"} ({account.siret ?? "SIRET non transmis"}
            {account.organizationalUnit ? `, ${account.organizationalUnit}` : ""})
          </dd>
          <dt className="fr-text--bold">Compte créé le, dernière connexion</dt>
          <dd>
            {formatDateTime(account.createdAt)}, {formatDateTime(account.lastLoginAt)}
          </dd>
        </dl>
      </Section>

      <Section id="donnees-profil" title="Mon profil de talents">
        {profile ? (
          <dl>
            <dt className="fr-text--bold">Présentation</dt>
            <dd>{profile.presentation || "—"}</dd>
            <dt className="fr-text--bold">Compétences</dt>
            <dd>{profile.skills.length ? profile.skills.map((skill) => `${skill.label} (${LEVELS[skill.level] ?? skill.level})`).join(", ") : "—"}</dd>
            <dt className="fr-text--bold">Disponibilité</dt>
            <dd>
              {formatHours(profile.availability.hoursPerMonth)} par mois, du {formatDay(profile.availability.availableFrom)} au{" "}
              {formatDay(profile.availability.availableUntil)}, {WORK_MODES[profile.availability.workMode] ?? profile.availability.workMode}
              {profile.availability.places.length ? ` (${profile.availability.places.join(", ")})` : ""}
              {profile.availability.visibility === "en_pause" ? ", profil en pause" : ""}
            </dd>
            <dt className="fr-text--bold">Mon responsable</dt>
            <dd>{profile.manager.email ? `${profile.manager.name} (${profile.manager.email})` : "—"}</dd>
          </dl>
        ) : (
          <Empty>Vous n&apos;avez pas de profil de talents.</Empty>
        )}
      </Section>

      <Section id="donnees-candidatures" title="Mes candidatures" count={data.applications.length}>
        {data.applications.length ? (
          <Table
            caption="Mes candidatures"
            headers={["Mission", "État", "Le", "Message"]}
            rows={data.applications.map((row) => [row.mission, APPLICATION_STATES[row.state] ?? row.state, formatDateTime(row.createdAt), row.message || "—"])}
          />
        ) : (
          <Empty>Aucune candidature.</Empty>
        )}
      </Section>

      <Section id="donnees-participations" title="Propositions et participations" count={data.participations.length}>
        {data.participations.length ? (
          <Table
            caption="Propositions et participations"
            headers={["Mission", "État", "Heures", "Retour du demandeur"]}
            rows={data.participations.map((row) => [
              row.mission,
              CANDIDATE_STATES[row.state] ?? row.state,
              row.confirmedHours !== null ? `${formatHours(row.confirmedHours)} confirmées` : row.declaredHours !== null ? `${formatHours(row.declaredHours)} déclarées` : "—",
              row.feedback || "—",
            ])}
          />
        ) : (
          <Empty>Aucune proposition.</Empty>
        )}
      </Section>

      <Section id="donnees-accords" title="Accords de mon responsable" count={data.consents.length}>
        {data.consents.length ? (
          <Table
            caption="Accords de mon responsable"
            headers={["Mission", "Responsable", "Décision", "Commentaire"]}
            rows={data.consents.map((row) => [
              row.mission,
              `${row.managerName} (${row.managerEmail})`,
              row.decision === "approuve" ? `accord le ${formatDateTime(row.decidedAt)}` : row.decision === "refuse" ? `refus le ${formatDateTime(row.decidedAt)}` : "en attente",
              row.decisionComment || "—",
            ])}
          />
        ) : (
          <Empty>Aucune demande d&apos;accord.</Empty>
        )}
      </Section>

      <Section id="donnees-heures" title="Heures confirmées et badges">
        <p>
          {data.confirmedHours.length
            ? data.confirmedHours.map((row) => `${row.mission} : ${formatHours(row.hours)}`).join(" ; ")
            : "Aucune heure confirmée."}
        </p>
        <p>Badges : {data.badges.length ? data.badges.map((badge) => badge.label).join(", ") : "aucun"}.</p>
        {data.eventInvitations.length ? <p>Invitations : {data.eventInvitations.map((row) => `${row.eventName} (${row.eventDate})`).join(", ")}.</p> : null}
        {data.authoredMissions.length ? <p>Missions que j&apos;ai déposées : {data.authoredMissions.map((row) => row.title).join(", ")}.</p> : null}
        {data.missionAlert ? (
          <p>
            Alerte hebdomadaire des missions : {data.missionAlert.active ? "active" : "désactivée"} ({data.missionAlert.digestsSent} courriel(s) envoyé(s)).
          </p>
        ) : null}
        {data.administrationCorrections.length ? (
          <p>
            Demandes de correction d&apos;administration :{" "}
            {data.administrationCorrections.map((row) => `${row.requestedName ?? row.requestedSiret ?? "—"} (${row.status})`).join(", ")}.
          </p>
        ) : null}
      </Section>

      <Section id="donnees-notifications" title="Mes notifications" count={data.notifications.length}>
        {data.notifications.length ? (
          <ul>
            {data.notifications.map((row, index) => (
              <li key={index}>
                {formatDateTime(row.createdAt)} : {row.title}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>Aucune notification.</Empty>
        )}
      </Section>

      <Section id="donnees-courriels" title="Courriels qui m'ont été envoyés" count={data.emails.length}>
        {data.emails.length ? (
          <ul>
            {data.emails.map((row, index) => (
              <li key={index}>
                {formatDateTime(row.createdAt)} : {row.subject} ({EMAIL_STATES[row.status] ?? row.status})
              </li>
            ))}
          </ul>
        ) : (
          <Empty>Aucun courriel.</Empty>
        )}
        <p className="fr-text--sm">Le fichier JSON contient le texte de chaque courriel ; les liens personnels à usage unique en sont retirés.</p>
      </Section>

      <Section id="donnees-journal" title="Journal des actions qui me concernent" count={data.audit.length}>
        {data.audit.length ? (
          <Table
            caption="Journal des actions qui me concernent"
            headers={["Date", "Par", "Action", "Motif"]}
            rows={data.audit.map((row) => [formatDateTime(row.at), row.actor, row.action, row.reason || "—"])}
          />
        ) : (
          <Empty>Aucune entrée.</Empty>
        )}
      </Section>
    </>
  );
}
