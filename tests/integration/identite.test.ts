import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { upsertUserFromProConnect } from "@/features/identite/service";
import { administrations } from "@/server/db/schema";
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
