import { formatDateTime } from "@/features/missions/format";
import type { listMissionApplications } from "../service";

type Applications = Awaited<ReturnType<typeof listMissionApplications>>;

/** Who applied to a mission: names for DINUM, administrations and messages for the demandeur. */
export function MissionApplications({ applications }: { applications: Applications }) {
  return (
    <section aria-labelledby="candidatures-titre" className="fr-mt-6w">
      <h2 id="candidatures-titre">Candidatures ({applications.items.length})</h2>
      {!applications.showsIdentity ? (
        <p className="fr-text--sm">
          Les noms et coordonnées des agents vous seront transmis après l&apos;accord de leur responsable hiérarchique.
        </p>
      ) : null}
      {applications.items.length === 0 ? (
        <p>Aucun agent ne s&apos;est encore positionné sur cette mission.</p>
      ) : (
        <ul className="fr-raw-list">
          {applications.items.map((application) => (
            <li key={application.id} className="fr-p-2w fr-mb-2w fr-background-alt--grey">
              <p className="fr-text--bold fr-mb-1v">
                {application.agentName}
                {application.agentEmail ? ` — ${application.agentEmail}` : ""}
              </p>
              <p className="fr-text--sm fr-mb-1v">
                {application.agentAdministration}, le {formatDateTime(application.createdAt)}
              </p>
              <p className="fr-mb-0" style={{ whiteSpace: "pre-line" }}>
                {application.message}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
