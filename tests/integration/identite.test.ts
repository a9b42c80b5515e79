import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { correctAdministration, upsertUserFromProConnect } from "@/features/identite/service";
import { administrations, auditLog, users } from "@/server/db/schema";
import { describeOnBothDatabases } from "./support/databases";

const claims = {
  sub: "sub-42",
  idp_id: "idp-ministere",
  email: "Alice.Martin@Culture.gouv.fr",
  given_name: "Alice",
  usual_name: "Martin",
  siret: "13000326200019",
  organization_label: "Ministère de la Culture",
  organizational_unit: "Bureau du numérique",
};

describeOnBothDatabases("identité ProConnect", (database) => {
  it("crée l'utilisateur et son administration à partir des claims", async () => {
    const { db } = database();
    const user = await upsertUserFromProConnect(db, claims);
    expect(user.email).toBe("alice.martin@culture.gouv.fr");
    expect(user.roles).toEqual(["agent"]);
    const [administration] = await db.select().from(administrations).where(eq(administrations.siret, claims.siret));
    expect(administration?.name).toBe("Ministère de la Culture");
    expect(user.administrationId).toBe(administration?.id);
  });

  it("reconnaît la même personne par sub + idp_id et met à jour ses claims", async () => {
    const { db } = database();
    const first = await upsertUserFromProConnect(db, claims);
    const again = await upsertUserFromProConnect(db, { ...claims, usual_name: "Martin-Durand" });
    expect(again.id).toBe(first.id);
    expect(again.usualName).toBe("Martin-Durand");
    const other = await upsertUserFromProConnect(db, { ...claims, idp_id: "autre-fournisseur" });
    expect(other.id).not.toBe(first.id);
  });

  it("garde l'administration corrigée par l'utilisateur aux connexions suivantes, et l'audite", async () => {
    const { db } = database();
    const user = await upsertUserFromProConnect(db, { ...claims, sub: "sub-correction" });
    const [chosen] = await db
      .insert(administrations)
      .values({ siret: "17720001500016", name: "Préfecture de la Sarthe" })
      .returning();
    await correctAdministration(db, user.id, chosen!.id);
    const afterLogin = await upsertUserFromProConnect(db, { ...claims, sub: "sub-correction" });
    expect(afterLogin.administrationId).toBe(chosen!.id);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit?.action).toBe("administration.corrigee");
    expect(audit?.actorUserId).toBe(user.id);
  });

  it("refuse une administration inconnue sans rien modifier", async () => {
    const { db } = database();
    const user = await upsertUserFromProConnect(db, { ...claims, sub: "sub-inconnue" });
    await expect(correctAdministration(db, user.id, "00000000-0000-4000-8000-000000000000")).rejects.toThrow(
      "Administration introuvable.",
    );
    const [unchanged] = await db.select().from(users).where(eq(users.id, user.id));
    expect(unchanged?.administrationId).toBe(user.administrationId);
    expect(unchanged?.administrationCorrected).toBe(false);
  });

  it("crée une seule administration quand deux connexions arrivent en même temps", async () => {
    const { db } = database();
    const siret = "26310001900018";
    await Promise.all(
      ["a", "b", "c"].map((suffix) => upsertUserFromProConnect(db, { ...claims, sub: `concurrent-${suffix}`, siret })),
    );
    const [row] = await db.select({ n: count() }).from(administrations).where(eq(administrations.siret, siret));
    expect(row?.n).toBe(1);
  });
});
