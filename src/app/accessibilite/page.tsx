import type { Metadata } from "next";
import { formatDay } from "@/features/missions/format";
import { serverEnv } from "@/server/env";

export const metadata: Metadata = { title: "Déclaration d'accessibilité" };
// Deployment-specific values are read from the settings at request time, not at build time.
export const dynamic = "force-dynamic";

const COMPLIANCE = {
  non: "non conforme",
  partielle: "partiellement conforme",
  totale: "totalement conforme",
} as const;

export default function AccessibilitePage() {
  const env = serverEnv();
  const audited = env.ACCESSIBILITY_AUDIT_DATE !== undefined && env.ACCESSIBILITY_RATE !== undefined;
  const knownIssues = (env.ACCESSIBILITY_KNOWN_ISSUES ?? "")
    .split("|")
    .map((issue) => issue.trim())
    .filter(Boolean);
  return (
    <>
      <h1>Déclaration d&apos;accessibilité</h1>
      <p>
        {env.LEGAL_CONTROLLER_NAME} s&apos;engage à rendre ses services numériques accessibles, conformément à l&apos;article 47 de
        la loi n° 2005-102 du 11 février 2005. Cette déclaration d&apos;accessibilité s&apos;applique à « Partagez vos talents
        numériques » ({env.APP_URL}).
      </p>

      <h2>État de conformité</h2>
      <p>
        « Partagez vos talents numériques » est <strong>{COMPLIANCE[env.ACCESSIBILITY_COMPLIANCE]}</strong> avec le référentiel
        général d&apos;amélioration de l&apos;accessibilité (RGAA), version 4.1
        {audited ? "." : ", faute d'audit de conformité réalisé à ce jour."}
      </p>

      <h2>Résultats des tests</h2>
      {audited ? (
        <p>
          L&apos;audit de conformité réalisé le {formatDay(env.ACCESSIBILITY_AUDIT_DATE)}
          {env.ACCESSIBILITY_AUDITOR ? ` par ${env.ACCESSIBILITY_AUDITOR}` : ""} révèle que {env.ACCESSIBILITY_RATE} % des critères du
          RGAA 4.1 sont respectés.
        </p>
      ) : (
        <p>
          Aucun audit de conformité n&apos;a encore été réalisé. Le service est construit avec le Système de design de l&apos;État
          (DSFR) ; ses parcours sont vérifiés au clavier, et ses tests automatisés les parcourent par les rôles et les libellés
          accessibles des éléments.
        </p>
      )}

      <h2>Contenus non accessibles</h2>
      <h3 className="fr-h6">Non-conformités</h3>
      {knownIssues.length ? (
        <ul>
          {knownIssues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      ) : (
        <p>{audited ? "Aucune non-conformité n'est connue à ce jour." : "Elles seront listées ici à l'issue de l'audit."}</p>
      )}
      <h3 className="fr-h6">Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3 className="fr-h6">Contenus non soumis à l&apos;obligation d&apos;accessibilité</h3>
      <p>Aucun.</p>

      <h2>Établissement de cette déclaration d&apos;accessibilité</h2>
      <p>Cette déclaration a été établie le {formatDay(env.ACCESSIBILITY_STATEMENT_DATE)}.</p>
      <h3 className="fr-h6">Technologies utilisées pour la réalisation du service</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS (Système de design de l&apos;État)</li>
        <li>JavaScript</li>
        <li>WAI-ARIA</li>
      </ul>

      <h2>Retour d&apos;information et contact</h2>
      <p>
        Si vous n&apos;arrivez pas à accéder à un contenu ou à un service, contactez l&apos;équipe Mission Talents, qui vous orientera
        vers une alternative accessible ou obtenir le contenu sous une autre forme :{" "}
        <a href={`mailto:${env.LEGAL_CONTACT_EMAIL}`}>{env.LEGAL_CONTACT_EMAIL}</a>.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d&apos;accessibilité vous empêchant d&apos;accéder à un contenu ou une fonctionnalité du service,
        que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire parvenir
        vos doléances ou une demande de saisine au Défenseur des droits. Plusieurs moyens sont à votre disposition :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits, par le{" "}
          <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;
        </li>
        <li>
          contacter <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du Défenseur des droits dans votre région</a> ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris
          CEDEX 07.
        </li>
      </ul>
    </>
  );
}
