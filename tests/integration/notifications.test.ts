import { expect, it } from "vitest";
import { countUnread, listNotifications, markAllRead, notify } from "@/features/notifications/service";
import type { CurrentUser } from "@/server/auth/roles";
import { users } from "@/server/db/schema";
import { describeOnBothDatabases } from "./support/databases";

function userNamed(id: string): CurrentUser {
  return { id, email: `${id}@exemple.gouv.fr`, givenName: "", usualName: "", displayName: id, administrationId: null, administrationName: null, roles: ["agent"] };
}

describeOnBothDatabases("notifications", (database) => {
  it("compte les non lues par personne et ne marque comme lues que les siennes", async () => {
    const { db } = database();
    const [alice, bruno] = await db
      .insert(users)
      .values([
        { proconnectSub: "alice", idpId: "test", email: "alice@exemple.gouv.fr" },
        { proconnectSub: "bruno", idpId: "test", email: "bruno@exemple.gouv.fr" },
      ])
      .returning();
    await notify(db, alice!.id, { title: "Une mission vous est proposée", link: "/missions/1" });
    await notify(db, alice!.id, { title: "Votre manager a donné son accord" });
    await notify(db, bruno!.id, { title: "Nouvelle candidature" });
    expect(await countUnread(db, alice!.id)).toBe(2);
    expect((await listNotifications(db, userNamed(alice!.id))).map((item) => item.title)).not.toContain("Nouvelle candidature");
    expect(await markAllRead(db, userNamed(alice!.id))).toBe(2);
    expect(await countUnread(db, alice!.id)).toBe(0);
    expect(await countUnread(db, bruno!.id)).toBe(1);
  });
});
