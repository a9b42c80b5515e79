import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { applyToMissionSchema } from "@/features/candidatures/schemas";
import { applyToMission } from "@/features/candidatures/service";
import { fieldErrorsOf } from "@/server/actions/action";
import type { CurrentUser } from "@/server/auth/roles";
import { applications, users } from "@/server/db/schema";
import { seedDemoData, seedUuid } from "@/server/db/seed";
import { CONTROL_CHARACTER_MESSAGE } from "@/lib/text-field";
import { describeOnBothDatabases } from "./support/databases";

const PUBLISHED_SAINT_BRIEUC = seedUuid("mission:audit-rgaa-site-saint-brieuc");

describeOnBothDatabases("un caractère NUL dans un champ texte", (database) => {
  let agent: CurrentUser;

  beforeAll(async () => {
    const { db } = database();
    await seedDemoData(db);
    const [row] = await db.select().from(users).where(eq(users.email, "camille.durand@interieur.gouv.fr"));
    agent = { ...row!, displayName: "Camille Durand", administrationName: null, roles: ["agent"] };
  });

  it("PostgreSQL le refuse : sans contrôle en amont, l'utilisateur obtenait une erreur technique sans remède", async () => {
    const { db } = database();
    await expect(db.execute(sql`select ${"Bonjour\u0000"}::text`)).rejects.toThrow();
  });

  it("le schéma partagé le refuse sur le champ, en français, et rien n'est enregistré", async () => {
    const { db } = database();
    const raw = { missionId: PUBLISHED_SAINT_BRIEUC, message: "Bonjour, je connais bien le RGAA\u0000 et les audits." };
    const parsed = applyToMissionSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    expect(fieldErrorsOf(parsed.error!)).toEqual({ message: [CONTROL_CHARACTER_MESSAGE] });
    // What the action does with a valid input still works: the same text without the NUL is saved.
    const clean = applyToMissionSchema.parse({ ...raw, message: raw.message.replace("\u0000", "") });
    await applyToMission(db, agent, clean);
    const saved = await db
      .select({ message: applications.message })
      .from(applications)
      .where(and(eq(applications.missionId, PUBLISHED_SAINT_BRIEUC), eq(applications.agentId, agent.id)));
    expect(saved.map((row) => row.message)).toEqual([clean.message]);
  });
});
