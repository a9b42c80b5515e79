import AxeBuilder from "@axe-core/playwright";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { loginAs } from "./support/login";

/**
 * Every page of every role, on a desktop and on a phone, as a person would meet it: the document
 * never scrolls sideways, the actions of each table row are on screen without scrolling sideways,
 * nothing is written to the console as an error, and axe finds no serious or critical violation.
 * With AUDIT_SCREENSHOTS=<folder>, a full-page PNG of each page is kept there to look at.
 */

const WIDTHS = [
  { name: "ordinateur", width: 1280, height: 900 },
  { name: "téléphone", width: 375, height: 800 },
] as const;

const UNKNOWN_MISSION = "/missions/00000000-0000-4000-8000-000000000000";

/** `from`: a list page, or (a pattern) the page found earlier that matches it. */
type PagePlan = { fixed: string[]; discover?: { from: string | RegExp; href: RegExp }[] };

const PLANS: Record<string, { email: string | null; plan: PagePlan }> = {
  visiteur: {
    email: null,
    plan: { fixed: ["/", "/connexion", "/accessibilite", "/mentions-legales", "/plan-du-site", "/donnees-personnelles", "/page-inconnue"] },
  },
  agent: {
    email: "camille.durand@interieur.gouv.fr",
    plan: {
      fixed: [
        "/agent",
        "/missions",
        "/agent/profil",
        "/agent/candidatures",
        "/agent/propositions",
        "/compensation",
        "/compte",
        "/compte/donnees",
        "/compte/suppression",
        "/notifications",
        "/demandeur/missions/nouvelle",
        UNKNOWN_MISSION,
      ],
      discover: [{ from: "/missions", href: /^\/missions\/[0-9a-f-]{36}$/ }],
    },
  },
  demandeur: {
    email: "yann.le-goff@saint-brieuc.fr",
    plan: {
      fixed: ["/demandeur", "/demandeur/missions/nouvelle", "/compensation", "/compte", "/notifications"],
      discover: [
        { from: "/demandeur", href: /^\/missions\/[0-9a-f-]{36}$/ },
        { from: "/demandeur", href: /^\/demandeur\/missions\/[0-9a-f-]{36}\/candidats$/ },
        { from: "/demandeur", href: /^\/demandeur\/missions\/[0-9a-f-]{36}\/modifier$/ },
      ],
    },
  },
  manager: {
    email: "sophie.martin@interieur.gouv.fr",
    plan: { fixed: ["/manager", "/compte", "/notifications", "/compensation"] },
  },
  dinum: {
    email: "claire.bernard@numerique.gouv.fr",
    plan: {
      fixed: [
        "/dinum",
        "/dinum/moderation",
        "/dinum/missions",
        "/dinum/referentiel",
        "/dinum/referentiel/nouveau",
        "/dinum/referentiel/competences-libres",
        "/dinum/consentements",
        "/dinum/compensation",
        "/dinum/observatoire",
        "/dinum/contributeurs",
        "/dinum/courriels",
        "/dinum/administrations",
        "/dinum/sessions",
        "/notifications",
        "/compte",
        UNKNOWN_MISSION,
      ],
      discover: [
        { from: "/dinum/moderation", href: /^\/dinum\/moderation\/[0-9a-f-]{36}$/ },
        { from: "/dinum/missions?etat=publiee", href: /^\/missions\/[0-9a-f-]{36}$/ },
        { from: "/dinum/missions?etat=publiee", href: /^\/dinum\/missions\/[0-9a-f-]{36}\/revue$/ },
        { from: "/dinum/referentiel", href: /^\/dinum\/referentiel\/[0-9a-f-]{36}$/ },
        { from: "/dinum/compensation", href: /^\/dinum\/compensation\/[0-9a-f-]{36}$/ },
        { from: /^\/dinum\/compensation\/[0-9a-f-]{36}$/, href: /^\/dinum\/compensation\/operations\/[0-9a-f-]{36}$/ },
        { from: "/dinum/courriels", href: /^\/dinum\/courriels\/[0-9a-f-]{36}$/ },
      ],
    },
  },
};

/** Finds one page behind a link of a list page (a mission, a concept, an email...). */
async function discover(page: Page, from: string, href: RegExp): Promise<string | null> {
  await page.goto(from);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.find((candidate) => href.test(candidate)) ?? null;
}

/** What goes wrong on the page now shown, in French sentences (empty when all is well). */
async function problemsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const viewport = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > viewport + 1) {
      problems.push(`le document défile horizontalement (${document.documentElement.scrollWidth} px pour ${viewport} px)`);
    }
    const scrollParent = (element: Element): Element | null => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (/(auto|scroll|hidden)/.test(style.overflowX) && parent.scrollWidth > parent.clientWidth + 1) return parent;
      }
      return null;
    };
    document.querySelectorAll("main table tbody tr, main [data-ligne-actions]").forEach((row) => {
      row.querySelectorAll("button, a[href], input:not([type=hidden]), select").forEach((control) => {
        const rect = control.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1) return; // visually hidden on purpose
        const container = scrollParent(control);
        const right = Math.min(viewport, container ? container.getBoundingClientRect().right : viewport);
        const left = container ? container.getBoundingClientRect().left : 0;
        if (rect.right > right + 1 || rect.left < left - 1) {
          const label = (control.textContent || control.getAttribute("aria-label") || control.getAttribute("name") || control.tagName).trim().slice(0, 60);
          problems.push(`action de ligne hors écran sans défiler : « ${label} » (${Math.round(rect.left)}–${Math.round(rect.right)} px)`);
        }
      });
    });
    return [...new Set(problems)].slice(0, 10);
  });
}

for (const [role, { email, plan }] of Object.entries(PLANS)) {
  for (const size of WIDTHS) {
    test(`${role}, ${size.name} (${size.width} px) : chaque page tient dans l'écran, sans erreur ni violation grave`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      const consoleErrors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        // A page that is meant to answer 404 logs its own status: that is not an error of the page.
        if (/status of 404/.test(message.text()) && message.location().url === page.url()) return;
        consoleErrors.push(message.text().slice(0, 300));
      });
      page.on("pageerror", (error) => consoleErrors.push(error.message.slice(0, 300)));
      if (email) await loginAs(page, email);

      // Pages behind links (a mission, a concept, an email…): those the demo data has.
      const pages = [...plan.fixed];
      for (const { from, href } of plan.discover ?? []) {
        const list = typeof from === "string" ? from : pages.find((candidate) => from.test(candidate));
        if (!list) continue;
        const found = await discover(page, list, href);
        if (found && !pages.includes(found)) pages.push(found);
      }

      const shots = process.env.AUDIT_SCREENSHOTS;
      if (shots) mkdirSync(shots, { recursive: true });
      const report: string[] = [];
      for (const url of pages) {
        consoleErrors.length = 0;
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        const problems = await problemsOf(page);
        const axe = await new AxeBuilder({ page }).analyze();
        for (const violation of axe.violations) {
          if (violation.impact === "serious" || violation.impact === "critical") {
            problems.push(`axe ${violation.id} (${violation.impact}) : ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
          }
        }
        for (const error of consoleErrors) problems.push(`console : ${error}`);
        if (problems.length) report.push(`${url}\n  - ${problems.join("\n  - ")}`);
        if (shots) {
          const file = `${role}-${size.width}-${url.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "accueil"}.png`;
          await page.screenshot({ path: path.join(shots, file), fullPage: true });
        }
      }
      expect(report, report.join("\n")).toEqual([]);
    });
  }
}
