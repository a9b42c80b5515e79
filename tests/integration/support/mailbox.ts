import { upsertUserFromProConnect } from "@/features/identite/service";
import { loadUserWithRoles, type CurrentUser } from "@/server/auth/roles";
import type { Database } from "@/server/db/client";
import { eq } from "drizzle-orm";
import { users } from "@/server/db/schema";
import { deliverDueEmails, type Mailer } from "@/server/mail/worker";

interface Delivered {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The recipients' inboxes for one test database: emails are delivered by the real worker, so
 * consent links exist only here (they are minted at delivery), as in a manager's mailbox.
 */
export class TestMailbox {
  readonly delivered: Delivered[] = [];
  readonly mailer: Mailer = {
    send: async (message) => {
      this.delivered.push(message);
    },
  };

  async deliver(db: Database, now = new Date()) {
    for (;;) {
      const report = await deliverDueEmails(db, this.mailer, now);
      if (report.sent + report.kept + report.failed + report.cancelled === 0) return;
    }
  }

  /** The token of the latest consent link `managerEmail` received, after delivering what is due. */
  async consentToken(db: Database, managerEmail: string, now = new Date()): Promise<string> {
    await this.deliver(db, now);
    const mail = [...this.delivered].reverse().find((message) => message.to === managerEmail && /\/consentement\//.test(message.text));
    const token = mail?.text.match(/\/consentement\/([A-Za-z0-9_-]{43})/)?.[1];
    if (!token) throw new Error(`Aucun lien de consentement reçu par ${managerEmail}`);
    return token;
  }
}

/** Someone signed in through ProConnect with these claims (the same code as a real login). */
export async function signedIn(db: Database, claims: { email: string; siret: string | null; sub?: string }): Promise<CurrentUser> {
  const user = await upsertUserFromProConnect(db, {
    sub: claims.sub ?? `sub:${claims.email}`,
    idp_id: "test",
    email: claims.email,
    given_name: claims.email.split("@")[0]!,
    usual_name: "",
    siret: claims.siret ?? undefined,
  });
  return (await loadUserWithRoles(db, user.id))!;
}

/** The manager named by an agent, signed in with ProConnect, in the agent's organisation. */
export async function managerSignedIn(db: Database, agent: { id: string }, managerEmail: string): Promise<CurrentUser> {
  const [row] = await db.select({ siret: users.siret }).from(users).where(eq(users.id, agent.id));
  return signedIn(db, { email: managerEmail, siret: row?.siret ?? null });
}
