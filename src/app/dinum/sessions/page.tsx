import type { Metadata } from "next";
import { stripControlCharacters } from "@/lib/text-field";
import { EndSessionsForm } from "@/features/sessions/components/end-sessions-form";
import { findPersonSessions } from "@/features/sessions/service";
import { requirePageUser } from "@/server/auth/roles";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Sessions ouvertes" };

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** DINUM looks a person up by email and may end all their sessions (a lost device, a departure). */
export default async function SessionsPage({ searchParams }: { searchParams: Promise<{ courriel?: string | string[] }> }) {
  const user = await requirePageUser("dinum");
  const raw = (await searchParams).courriel;
  const email = stripControlCharacters((Array.isArray(raw) ? raw[0] : raw) ?? "").slice(0, 320);
  const found = email ? await findPersonSessions(db(), user, email) : null;
  const name = found ? `${found.user.givenName} ${found.user.usualName}`.trim() || found.user.email : "";
  return (
    <>
      <h1>Sessions ouvertes</h1>
      <p>
        Une session dure 8 heures au plus et se ferme à la déconnexion. Si un poste est perdu ou une personne quitte
        son administration, fermez ici toutes ses sessions : elle devra se reconnecter avec ProConnect.
      </p>
      <form method="get" className="fr-mb-4w" role="search">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="courriel">
            Adresse électronique de la personne
          </label>
          <input className="fr-input" id="courriel" name="courriel" type="email" defaultValue={email} autoComplete="off" />
        </div>
        <button type="submit" className="fr-btn">
          Rechercher
        </button>
      </form>
      {email && !found ? <p role="status">Personne ne s&apos;est connecté avec l&apos;adresse {email}.</p> : null}
      {found ? (
        <section aria-labelledby="personne-titre">
          <h2 id="personne-titre" className="fr-h3">
            {name}
          </h2>
          <p>
            {found.user.email}
            {found.user.administrationName ? ` — ${found.user.administrationName}` : ""}
          </p>
          {found.sessions.length === 0 ? (
            <p role="status">Aucune session ouverte.</p>
          ) : (
            <div className="fr-table fr-table--bordered">
              <div className="fr-table__wrapper">
                <div className="fr-table__container">
                  <div className="fr-table__content">
                    <table>
                      <caption>
                        {found.sessions.length} session{found.sessions.length > 1 ? "s ouvertes" : " ouverte"}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">Connexion</th>
                          <th scope="col">Fin prévue</th>
                        </tr>
                      </thead>
                      <tbody>
                        {found.sessions.map((session) => (
                          <tr key={session.id}>
                            <td>{dateFormat.format(session.createdAt)}</td>
                            <td>{dateFormat.format(session.expiresAt)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              </div>
            </div>
          )}
          <EndSessionsForm userId={found.user.id} personName={name} />
        </section>
      ) : null}
    </>
  );
}
