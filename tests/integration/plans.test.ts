import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentSuggestions } from "@/features/appariement/service";
import { matchingEngine, resetMatchingEngine } from "@/features/appariement/engine-store";
import { demandeurToDo, dinumToDoCounts } from "@/features/a-faire/service";
import { listManagerConsents, listPendingConsents, listRecentConsentDecisions } from "@/features/consentements/service";
import { listAllMissions, listModerationQueue } from "@/features/missions/service";
import { getObservatoire, observatoireFigures } from "@/features/observatoire/service";
import { getReview } from "@/features/revue/service";
import { listFreeTags } from "@/features/referentiel/service";
import { topContributors } from "@/features/reconnaissance/service";
import { loadUserWithRoles, type CurrentUser } from "@/server/auth/roles";
import type { Database, DatabaseHandle } from "@/server/db/client";
import * as schema from "@/server/db/schema";
import { createTestDatabase } from "./support/databases";

/**
 * The query plans of the pages' hot queries, on the Postgres server with enough rows for the
 * planner to choose as it does at full size: each test fails if its query stops using its index
 * (or goes back to reading every profile). PGlite is left out: its planner sees other costs and
 * the embedded database is not the one sized for 100,000 profiles.
 */
const PROFILES = 6000;
const MISSIONS = 2000;

const dinum: CurrentUser = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "equipe@numerique.gouv.fr",
  givenName: "Équipe",
  usualName: "DINUM",
  displayName: "Équipe DINUM",
  administrationId: null,
  administrationName: null,
  roles: ["agent", "dinum"],
};

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe("plans des requêtes des pages [postgres]", () => {
  let handle: DatabaseHandle;
  let client: ReturnType<typeof postgres>;
  let recorded: { query: string; params: unknown[] }[] = [];
  let recording: Database;
  let managerId: string;
  let publishedId: string;

  /** The queries a service call sends, each with its plan. */
  async function plansOf(call: (db: Database) => Promise<unknown>) {
    recorded = [];
    await call(recording);
    const plans: { query: string; nodes: PlanNode[] }[] = [];
    for (const { query, params } of recorded) {
      const [row] = await client.unsafe(`explain (format json) ${query}`, params as never[]);
      const plan = (row as unknown as { "QUERY PLAN": { Plan: PlanNode }[] })["QUERY PLAN"][0]!.Plan;
      plans.push({ query, nodes: nodes(plan) });
    }
    return plans;
  }
  const seqScans = (plan: { nodes: PlanNode[] }) => plan.nodes.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"]);
  const indexes = (plan: { nodes: PlanNode[] }) => plan.nodes.map((node) => node["Index Name"]).filter(Boolean);
  const relations = (plan: { nodes: PlanNode[] }) => plan.nodes.map((node) => node["Relation Name"]).filter(Boolean);

  beforeAll(async () => {
    handle = await createTestDatabase("postgres");
    const url = (handle.db as unknown as { $client: { options: { host: string[]; port: number[]; database: string; user: string } } }).$client.options;
    client = postgres({ host: url.host[0], port: url.port[0], database: url.database, user: url.user, max: 1, onnotice: () => {} });
    recording = drizzle(client, { schema, logger: { logQuery: (query, params) => void recorded.push({ query, params }) } }) as unknown as Database;
    await client.unsafe(`
      insert into skill_concepts (id, label, family) values ('python', 'Python', 'developpement'), ('rgpd', 'RGPD', 'juridique');
      insert into administrations (siret, name, ministry)
        select lpad(g::text, 14, '0'), 'Administration ' || g, 'Ministère ' || (g % 8) from generate_series(1, 60) as g;
      insert into users (proconnect_sub, idp_id, email, given_name, usual_name, administration_id)
        select 'plan-' || g, 'plan', 'agent' || g || '@exemple.gouv.fr', 'Agent', 'N° ' || g,
          (select id from administrations order by siret offset (g % 60) limit 1)
        from generate_series(1, ${PROFILES}) as g;
      insert into agent_profiles (user_id, presentation, skills, manager_email, updated_at, visibility)
        select id, 'Agent public', jsonb_build_array(
            jsonb_build_object('label', 'Outil maison ' || (n % 400), 'conceptId', null, 'level', 'autonome'),
            jsonb_build_object('label', 'Python', 'conceptId', 'python', 'level', 'expert'),
            jsonb_build_object('label', 'RGPD', 'conceptId', 'rgpd', 'level', 'notions')),
          -- Typed as people type them: some with capitals.
          case when n % 3 = 0 then 'Manager' else 'manager' end || (n % 900) || '@exemple.gouv.fr',
          now() - (n || ' minutes')::interval,
          case when n % 7 = 0 then 'en_pause' else 'ouvert' end
        from (select id, row_number() over (order by id) as n from users) as numbered;
      insert into missions (administration_id, author_id, title, state, skills, submitted_at, published_at, created_at, updated_at)
        select (select id from administrations order by siret offset (g % 60) limit 1),
          (select id from users order by email limit 1),
          'Mission ' || g,
          (array['brouillon', 'soumise', 'publiee', 'publiee', 'publiee', 'en_cours', 'terminee', 'terminee', 'archivee', 'a_modifier'])[1 + g % 10],
          jsonb_build_array(jsonb_build_object('label', 'Outil maison ' || (g % 50), 'conceptId', null, 'required', true, 'level', 'autonome')),
          now() - (g || ' hours')::interval, now() - (g || ' hours')::interval, now() - (g || ' hours')::interval, now() - (g || ' hours')::interval
        from generate_series(1, ${MISSIONS}) as g;
      analyze;`);
    const [manager] = await client`insert into users (proconnect_sub, idp_id, email) values ('plan-manager', 'plan', 'manager17@exemple.gouv.fr') returning id`;
    managerId = manager!.id as string;
    const [published] = await client`select id from missions where state = 'publiee' limit 1`;
    publishedId = published!.id as string;
  }, 120_000);

  afterAll(async () => {
    resetMatchingEngine();
    await client?.end({ timeout: 5 });
    await handle?.close();
  });

  it("reconnaît un manager sur chaque page par l'index de lower(manager_email), sans lire tous les profils", async () => {
    const plans = await plansOf((db) => loadUserWithRoles(db, managerId));
    const user = plans.find((plan) => plan.query.includes("manager_email"));
    expect(user, "requête du rôle manager").toBeDefined();
    expect(indexes(user!)).toContain("agent_profiles_manager_email_idx");
    expect(seqScans(user!)).not.toContain("agent_profiles");
    expect((await loadUserWithRoles(handle.db, managerId))?.roles).toContain("manager");
  });

  it("liste les compétences libres depuis leurs décomptes tenus à l'écriture, sans déplier les compétences des profils", async () => {
    const plans = await plansOf((db) => listFreeTags(db, dinum, 2));
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(relations(plan)).toContain("free_tag_uses");
      expect(relations(plan)).not.toContain("agent_profiles");
      expect(relations(plan)).not.toContain("missions");
    }
    const page = await listFreeTags(handle.db, dinum);
    expect(page.total).toBe(400);
    expect(page.rows[0]).toMatchObject({ profiles: PROFILES / 400, missions: expect.any(Number) });
  });

  it("vérifie la fraîcheur des suggestions par l'index de updated_at", async () => {
    // Suggestions computed after every change: fresh, so the review does not rank again.
    await client`insert into mission_suggestions (mission_id, agent_id, engine_rank, score, computed_at)
      select ${publishedId}, user_id, 1, 1, now() + interval '1 day' from agent_profiles limit 1`;
    const plans = await plansOf((db) => currentSuggestions(db, dinum, publishedId));
    const staleness = plans.filter((plan) => /max\(.*"updated_at"\)/.test(plan.query) && plan.query.includes('"agent_profiles"'));
    expect(staleness).toHaveLength(1);
    expect(indexes(staleness[0]!)).toContain("agent_profiles_updated_idx");
    expect(seqScans(staleness[0]!)).not.toContain("agent_profiles");
  });

  it("rattrape les profils changés par l'index (updated_at, user_id), après le dernier lu", async () => {
    resetMatchingEngine();
    await matchingEngine(handle.db);
    const plans = await plansOf((db) => matchingEngine(db));
    const catchUp = plans.find((plan) => plan.query.includes('"agent_profiles"."updated_at", "agent_profiles"."user_id") >'));
    expect(catchUp, "requête de rattrapage").toBeDefined();
    expect(indexes(catchUp!)).toContain("agent_profiles_updated_idx");
    expect(seqScans(catchUp!)).not.toContain("agent_profiles");
  }, 60_000);

  it("lit une page de la file de modération par l'index (state, submitted_at)", async () => {
    const plans = await plansOf((db) => listModerationQueue(db, dinum, 2));
    const page = plans.find((plan) => plan.query.includes("limit"));
    expect(page).toBeDefined();
    expect(indexes(page!)).toContain("missions_state_submitted_idx");
    expect(seqScans(page!)).not.toContain("missions");
  });

  it("ne relit pas les compétences de tous les profils à chaque vue de l'observatoire", async () => {
    await getObservatoire(handle.db, dinum, {});
    const plans = await plansOf((db) => getObservatoire(db, dinum, {}));
    for (const plan of plans) expect(relations(plan), plan.query).not.toContain("agent_profiles");
  });

  it("sert les chiffres de la page de l'observatoire calculés il y a moins de quelques minutes, sans requête", async () => {
    const filters = { ministry: "Ministère 3" };
    const computing = await plansOf((db) => observatoireFigures(db, dinum, filters));
    expect(computing.length).toBeGreaterThan(0);
    const first = await observatoireFigures(recording, dinum, filters);
    const served = await plansOf((db) => observatoireFigures(db, dinum, filters));
    expect(served).toHaveLength(0);
    expect((await observatoireFigures(recording, dinum, filters)).computedAt).toEqual(first.computedAt);
  });

  describe("accords et revue", () => {
    beforeAll(async () => {
      // Candidates on published missions, most with a decided consent, some awaited, some superseded.
      await client.unsafe(`
        insert into mission_candidates (mission_id, agent_id, origin, state, created_at)
          select m.id, p.user_id, 'suggestion', case when p.n % 10 = 0 then 'acceptee' else 'consentie' end, now() - (p.n || ' minutes')::interval
          from (select id, row_number() over (order by id) as k from missions where state = 'publiee') as m
          join (select user_id, row_number() over (order by user_id) as n from agent_profiles) as p on p.n % 600 = m.k % 600
          where m.id <> '${publishedId}';
        insert into consent_requests (candidate_id, manager_name, manager_email, expires_at, created_at, decided_at, decision, superseded_at)
          select id, 'Manager', 'manager@exemple.gouv.fr', now() + interval '7 days', created_at,
            case when state = 'consentie' then created_at + interval '1 hour' end,
            case when state = 'consentie' then 'approuve' end,
            null
          from mission_candidates;
        insert into consent_requests (candidate_id, manager_name, manager_email, expires_at, created_at, superseded_at)
          select id, 'Manager', 'manager@exemple.gouv.fr', now(), created_at - interval '1 day', created_at
          from mission_candidates where state = 'acceptee';
        analyze;`);
    }, 60_000);

    it("lit une page des accords en attente par l'index partiel (created_at, id), les plus anciens d'abord", async () => {
      const plans = await plansOf((db) => listPendingConsents(db, dinum, new Date(), 1));
      const page = plans.find((plan) => plan.query.includes("limit"));
      expect(page, "page des accords en attente").toBeDefined();
      expect(indexes(page!)).toContain("consent_requests_awaited_idx");
      expect(seqScans(page!)).not.toContain("consent_requests");
      const result = await listPendingConsents(handle.db, dinum, new Date(), 1);
      expect(result.rows).toHaveLength(20);
      expect(result.total).toBeGreaterThan(20);
    });

    it("lit les dernières réponses des managers par l'index de decided_at", async () => {
      const plans = await plansOf((db) => listRecentConsentDecisions(db, dinum));
      expect(plans).toHaveLength(1);
      expect(indexes(plans[0]!)).toContain("consent_requests_decided_idx");
      expect(seqScans(plans[0]!)).not.toContain("consent_requests");
      expect(seqScans(plans[0]!)).not.toContain("mission_candidates");
    });

    it("n'écrit rien quand DINUM revoit une liste qui n'a pas changé", async () => {
      await getReview(handle.db, dinum, publishedId);
      const plans = await plansOf((db) => getReview(db, dinum, publishedId));
      const writes = recordedWrites(plans);
      expect(writes, writes.join("\n")).toEqual([]);
    });

    describe("parmi des candidats à examiner bien plus nombreux", () => {
      beforeAll(async () => {
        // As at full size: most candidates are still under review, a few percent consented or awaiting their manager.
        await client.unsafe(`
          insert into mission_candidates (mission_id, agent_id, origin, state)
            select m.id, p.user_id, 'suggestion', 'a_examiner'
            from (select id, row_number() over (order by id) as k from missions where state <> 'publiee') as m
            join (select user_id, row_number() over (order by user_id) as n from agent_profiles) as p on p.n % 280 = m.k % 280;`);
        // A few agents with confirmed hours, as at full size (2,000 of 100,000).
        await client.unsafe(`
          insert into confirmed_hours (candidate_id, mission_id, agent_id, borrowing_administration_id, hours)
            select c.id, c.mission_id, c.agent_id, m.administration_id, 1 + (c.n % 30)
            from (select id, mission_id, agent_id, row_number() over (order by id) as n from mission_candidates where state = 'consentie') as c
            join missions m on m.id = c.mission_id
            where c.n % 20 = 0;`);
        // Autovacuum keeps the visibility map that index-only scans need; here it is done by hand.
        await client.unsafe("vacuum analyze missions");
        await client.unsafe("vacuum analyze mission_candidates");
        await client.unsafe("vacuum analyze confirmed_hours");
      }, 60_000);

      it("compte les files du menu DINUM par les index (state, mission_id) et (state, id, list_sent_at), sans lire toutes les candidatures ni toutes les missions", async () => {
        // One statement for the four counts (the failing emails' count may read the small outbox).
        const plans = await plansOf((db) => dinumToDoCounts(db, dinum));
        expect(plans).toHaveLength(1);
        const counts = plans[0]!;
        expect(counts.query).toContain('"list_sent_at"');
        expect(counts.query).toContain('"consent_requests"');
        expect(indexes(counts)).toContain("mission_candidates_state_mission_idx");
        expect(indexes(counts)).toContain("missions_state_list_sent_idx");
        expect(seqScans(counts)).not.toContain("missions");
        expect(seqScans(counts)).not.toContain("mission_candidates");
        expect((await dinumToDoCounts(handle.db, dinum)).listsToSend).toBeGreaterThan(0);
      });

      it("lit les heures déclarées à confirmer d'un demandeur par l'index partiel, sans parcourir les candidats de toutes ses missions", async () => {
        // A handful of declared hours awaiting confirmation, as at any time; one administration's.
        const [administration] = await client`select m.administration_id as id from mission_candidates c join missions m on m.id = c.mission_id
          where c.state = 'consentie' group by 1 order by count(*) desc limit 1`;
        await client`update mission_candidates set state = 'selectionnee', hours_state = 'declarees', declared_hours = 6
          where id in (select c.id from mission_candidates c join missions m on m.id = c.mission_id
                       where m.administration_id = ${administration!.id as string} and c.state = 'consentie' limit 3)`;
        await client`update mission_candidates set state = 'selectionnee', hours_state = 'declarees', declared_hours = 4
          where id in (select id from mission_candidates where state = 'consentie' and hours_state is null limit 12)`;
        await client.unsafe("analyze mission_candidates");
        const demandeur: CurrentUser = { ...dinum, id: managerId, roles: ["agent", "demandeur"], administrationId: administration!.id as string, administrationName: "Administration" };
        const plans = await plansOf((db) => demandeurToDo(db, demandeur));
        const hours = plans.find((plan) => plan.query.includes('"declared_hours"'));
        expect(hours, "heures à confirmer").toBeDefined();
        expect(indexes(hours!)).toContain("mission_candidates_declared_hours_idx");
        expect(seqScans(hours!)).not.toContain("mission_candidates");
        expect((await demandeurToDo(handle.db, demandeur)).hoursToConfirm.length).toBeGreaterThanOrEqual(3);
      });

      it("lit les demandes d'accord d'un manager par l'index de lower(manager_email), sans lire toutes les demandes", async () => {
        const manager: CurrentUser = { ...dinum, id: managerId, email: "manager17@exemple.gouv.fr", roles: ["manager"] };
        const plans = await plansOf((db) => listManagerConsents(db, manager));
        expect(plans).toHaveLength(1);
        expect(indexes(plans[0]!)).toContain("consent_requests_manager_email_idx");
        expect(seqScans(plans[0]!)).not.toContain("consent_requests");
      });

      it("classe les contributeurs par leurs totaux d'abord, en ne lisant que les agents du classement par la clé des utilisateurs", async () => {
        const plans = await plansOf((db) => topContributors(db, dinum, {}));
        const ranking = plans.find((plan) => plan.query.includes("sum("));
        // Each total reads its agent by primary key (a lateral subquery), never all users by a hash join.
        expect(ranking, "classement").toBeDefined();
        expect(indexes(ranking!)).toContain("users_pkey");
        expect(seqScans(ranking!)).not.toContain("users");
        const contributors = await topContributors(handle.db, dinum, {});
        expect(contributors).toHaveLength(20);
        expect(contributors[0]!.hours).toBeGreaterThanOrEqual(contributors[19]!.hours);
      });
    });
  });

  it("lit une page de toutes les missions, les plus récentes d'abord, par l'index de created_at", async () => {
    const plans = await plansOf((db) => listAllMissions(db, dinum, { tri: "creation", ordre: "desc", page: 3 }));
    const page = plans.find((plan) => plan.query.includes("limit"));
    expect(page).toBeDefined();
    expect(indexes(page!)).toContain("missions_created_idx");
    expect(seqScans(page!)).not.toContain("missions");
  });
});

function recordedWrites(plans: { query: string }[]) {
  return plans.map((plan) => plan.query).filter((query) => /^\s*(insert|update|delete)\b/i.test(query));
}
