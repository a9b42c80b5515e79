import type { CurrentUser } from "@/server/auth/roles";
import { db } from "@/server/db";
import { badgesOf } from "../service";
import { BadgeTiles } from "./badge-list";

/** The « Mes badges » section of the agent's profile, computed from their confirmed hours. */
export async function MyBadges({ user }: { user: CurrentUser }) {
  const badges = await badgesOf(db(), user, user.id);
  return (
    <section aria-labelledby="mes-badges" className="fr-mt-6w">
      <h2 id="mes-badges">Mes badges</h2>
      {badges.length === 0 ? (
        <p>
          Pas encore de badge : le premier arrive avec votre première mission terminée, quand l’administration d’accueil a confirmé vos heures.
        </p>
      ) : (
        <>
          <p className="fr-text--sm">Ils sont calculés à partir des heures confirmées et des compétences attestées par les administrations que vous avez aidées.</p>
          <BadgeTiles badges={badges} />
        </>
      )}
    </section>
  );
}
