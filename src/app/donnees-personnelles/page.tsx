import type { Metadata } from "next";
import Link from "next/link";
import { serverEnv } from "@/server/env";

export const metadata: Metadata = { title: "Données personnelles" };
// Deployment-specific values are read from the settings at request time, not at build time.
export const dynamic = "force-dynamic";

function months(days: number) {
  const value = Math.round(days / 30.44);
  return days % 365 === 0 ? `${days / 365} an${days / 365 > 1 ? "s" : ""}` : `${value} mois`;
}

export default function DonneesPersonnellesPage() {
  const env = serverEnv();
  const inactivity = months(env.RETENTION_INACTIVITY_DAYS);
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Cette page décrit comment « Partagez vos talents numériques » traite vos données personnelles, conformément au règlement
        général sur la protection des données (RGPD) et à la loi n° 78-17 du 6 janvier 1978 relative à l&apos;informatique, aux
        fichiers et aux libertés.
      </p>

      <h2>Responsable du traitement</h2>
      <p>
        {env.LEGAL_CONTROLLER_NAME}, {env.LEGAL_CONTROLLER_ADDRESS}.
      </p>

      <h2>Finalités</h2>
      <ul>
        <li>mettre en relation des agents publics volontaires avec des administrations qui ont besoin de leurs compétences pour des missions courtes ;</li>
        <li>classer les profils pour chaque mission (appariement) et permettre à l&apos;équipe Mission Talents de relire et d&apos;arbitrer ces propositions ;</li>
        <li>recueillir l&apos;accord du responsable hiérarchique de l&apos;agent avant toute participation ;</li>
        <li>suivre les missions, les heures réalisées et la compensation entre administrations ;</li>
        <li>reconnaître l&apos;engagement des agents (badges, compétences attestées, invitations) ;</li>
        <li>produire des statistiques agrégées sur le dispositif (observatoire), sans donnée nominative.</li>
      </ul>

      <h2>Base légale</h2>
      <p>
        Le traitement est nécessaire à l&apos;exécution d&apos;une mission d&apos;intérêt public (article 6-1-e du RGPD) : la
        transformation numérique de l&apos;État confiée à la direction interministérielle du numérique par le décret n° 2019-1088 du
        25 octobre 2019. La participation des agents est volontaire : nul n&apos;est tenu de créer un profil.
      </p>

      <h2>Données traitées</h2>
      <ul>
        <li>identité transmise par ProConnect : nom, prénom, adresse électronique professionnelle, SIRET et service de rattachement ;</li>
        <li>profil de talents : présentation, compétences et niveaux, disponibilités, mode de travail et lieux ;</li>
        <li>nom et adresse électronique de votre responsable hiérarchique, et sa décision ;</li>
        <li>candidatures, propositions, réponses, heures déclarées et confirmées, retours et compétences attestées par l&apos;administration demandeuse ;</li>
        <li>notifications, courriels envoyés par le service, et journal des décisions (qui, quand, quoi, pourquoi) ;</li>
        <li>un cookie de session, strictement nécessaire à la connexion : aucun cookie de mesure d&apos;audience ni de publicité.</li>
      </ul>

      <h2>Destinataires</h2>
      <ul>
        <li>l&apos;équipe Mission Talents de la DINUM, qui anime le dispositif ;</li>
        <li>l&apos;administration demandeuse d&apos;une mission, uniquement après l&apos;accord de votre responsable : votre nom, votre adresse, votre administration et ce qui vous rend pertinent pour la mission ;</li>
        <li>votre responsable hiérarchique, pour la mission qui lui est soumise ;</li>
        <li>l&apos;hébergeur du service, {env.LEGAL_HOST_NAME}, en qualité de sous-traitant.</li>
      </ul>
      <p>Aucune donnée n&apos;est vendue, ni transférée hors de l&apos;Union européenne.</p>

      <h2>Durées de conservation</h2>
      <ul>
        <li>
          compte et profil : jusqu&apos;à ce que vous supprimiez votre compte, ou après {inactivity} ({env.RETENTION_INACTIVITY_DAYS} jours)
          sans connexion ; un courriel vous prévient {env.RETENTION_WARNING_DAYS} jours avant, et une connexion suffit à
          conserver le compte ;
        </li>
        <li>candidatures, propositions, notifications et courriels : effacés avec le compte ;</li>
        <li>
          heures confirmées et registre de compensation : conservés sans votre nom, car ils appartiennent aux administrations qui ont
          prêté et emprunté ;
        </li>
        <li>journal des décisions : conservé, votre nom et votre adresse y étant remplacés par un pseudonyme à la suppression du compte ;</li>
        <li>cookie de session : 8 heures au plus.</li>
      </ul>

      <h2>Vos droits</h2>
      <p>
        Vous disposez d&apos;un droit d&apos;accès, de rectification, d&apos;effacement, de limitation et d&apos;opposition sur vos
        données, ainsi que d&apos;un droit à leur portabilité. Vous les exercez directement depuis votre compte :
      </p>
      <ul>
        <li>
          <Link href="/compte/donnees">Mes données personnelles</Link> : consulter tout ce qui vous concerne et le télécharger dans un
          fichier JSON ;
        </li>
        <li>
          <Link href="/agent/profil">Mon profil</Link> : corriger vos informations, ou mettre votre profil en pause pour ne plus
          recevoir de propositions ;
        </li>
        <li>
          <Link href="/compte/suppression">Supprimer mon compte</Link> : effacer vos données, après confirmation.
        </li>
      </ul>
      <p>
        Pour toute autre demande, écrivez au délégué à la protection des données :{" "}
        <a href={`mailto:${env.LEGAL_DPO_EMAIL}`}>{env.LEGAL_DPO_EMAIL}</a>. Une réponse vous est apportée dans un délai d&apos;un mois.
      </p>

      <h2>Réclamation</h2>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la
        Commission nationale de l&apos;informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, ou en
        ligne sur <a href="https://www.cnil.fr/fr/plaintes">cnil.fr</a>.
      </p>
    </>
  );
}
