import { z } from "zod";

const emailList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  );

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** A text setting whose empty value falls back to the default. */
const nonEmpty = (fallback: string) => z.preprocess(emptyToUndefined, z.string().trim().min(1).default(fallback));

/** Server settings, documented one by one in .env.example. */
const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  PGLITE_DATA_DIR: z.string().default(".data/pglite"),
  /** "1": PGlite inside the Next.js process (the former arrangement: a slow query stalls every page). */
  PGLITE_IN_PROCESS: z.preprocess(emptyToUndefined, z.enum(["0", "1"]).default("0")),
  APP_URL: z.string().url().default("http://localhost:3000"),
  AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
  PROCONNECT_ISSUER: z.preprocess(emptyToUndefined, z.string().url().optional()),
  PROCONNECT_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().optional()),
  PROCONNECT_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Minimum `acr` accepted, e.g. "eidas1"; empty means no check. */
  PROCONNECT_ACR_MIN: z.preprocess(emptyToUndefined, z.enum(["eidas1", "eidas2", "eidas3"]).optional()),
  DINUM_ALLOWED_EMAILS: emailList,
  /**
   * smtp://user:pass@host:port or smtps://…; required in production. Empty (tests, local runs
   * without `npm run dev`): emails are kept in the outbox, readable by DINUM, without usable links.
   */
  SMTP_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  MAIL_FROM: z.string().default("Partagez vos talents numériques <ne-pas-repondre@talents.numerique.gouv.fr>"),
  MAIL_WORKER_INTERVAL_MS: z.coerce.number().int().min(200).default(3000),
  SEED_DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(["0", "1"]).default("0")),
  /** Credits earned per confirmed hour of a mission, in the compensation ledger. */
  LEDGER_CREDITS_PER_HOUR: z.preprocess(
    emptyToUndefined,
    z.coerce.number().positive("doit être un nombre positif de crédits par heure").max(10_000).default(1),
  ),
  /** From this many profiles, the matching index is built on worker threads. */
  MATCHING_WORKER_MIN_PROFILES: z.coerce.number().int().min(0).default(20_000),
  /** Hours between two emails of new missions to an agent who asked for them (a week by default). */
  MISSION_ALERT_INTERVAL_HOURS: z.coerce.number().positive().max(24 * 366).default(168),
  /** Level of the JSON logs (read by src/server/observability/logger.ts, validated here). */
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
  /** How long in-flight requests get to finish after SIGTERM, in milliseconds. */
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(0).default(25_000),
  /** An account unused for this many days is deleted by the retention job (after a warning). */
  RETENTION_INACTIVITY_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(30, "doit valoir au moins 30 jours").max(3650, "doit valoir au plus 3650 jours (10 ans)").default(730),
  ),
  /** How many days before the deletion the person is warned by email. */
  RETENTION_WARNING_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1, "doit valoir au moins 1 jour").default(30)),
  /** How often each instance runs the retention job, in milliseconds (one hour by default). */
  RETENTION_JOB_INTERVAL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).default(3_600_000)),
  // Deployment-specific values shown on the legal pages (defaults: the DINUM's own deployment).
  LEGAL_CONTROLLER_NAME: nonEmpty("Direction interministérielle du numérique (DINUM)"),
  LEGAL_CONTROLLER_ADDRESS: nonEmpty("20 avenue de Ségur, 75007 Paris"),
  LEGAL_PUBLICATION_DIRECTOR: nonEmpty("Le directeur interministériel du numérique"),
  LEGAL_DPO_EMAIL: z.preprocess(emptyToUndefined, z.string().email("doit être une adresse électronique").default("dpd@numerique.gouv.fr")),
  LEGAL_CONTACT_EMAIL: z.preprocess(emptyToUndefined, z.string().email("doit être une adresse électronique").default("mission-talents@numerique.gouv.fr")),
  LEGAL_HOST_NAME: nonEmpty("Direction interministérielle du numérique (DINUM)"),
  LEGAL_HOST_ADDRESS: nonEmpty("20 avenue de Ségur, 75007 Paris"),
  /** RGAA compliance as last audited: non (no audit yet), partielle or totale. */
  ACCESSIBILITY_COMPLIANCE: z.preprocess(emptyToUndefined, z.enum(["non", "partielle", "totale"]).default("non")),
  /** Share of RGAA criteria met at the last audit, in percent; empty without audit. */
  ACCESSIBILITY_RATE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(100).optional()),
  ACCESSIBILITY_AUDIT_DATE: z.preprocess(emptyToUndefined, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "doit être une date AAAA-MM-JJ").optional()),
  ACCESSIBILITY_AUDITOR: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Date the accessibility statement was written or last updated. */
  ACCESSIBILITY_STATEMENT_DATE: z.preprocess(emptyToUndefined, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "doit être une date AAAA-MM-JJ").default("2026-12-06")),
  /** Known non-accessible contents, separated by « | ». */
  ACCESSIBILITY_KNOWN_ISSUES: z.preprocess(emptyToUndefined, z.string().optional()),
}).refine((env) => env.RETENTION_WARNING_DAYS < env.RETENTION_INACTIVITY_DAYS, {
  path: ["RETENTION_WARNING_DAYS"],
  message: "doit être inférieur à RETENTION_INACTIVITY_DAYS (l'avertissement précède la suppression)",
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (!cached) {
    const parsed = serverEnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
      throw new Error(`Configuration invalide (voir .env.example) :\n- ${problems.join("\n- ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** The identity provider settings, or the reason the app cannot log anyone in. */
export function proConnectSettings(env: ServerEnv = serverEnv()) {
  const { PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET } = env;
  if (!PROCONNECT_ISSUER || !PROCONNECT_CLIENT_ID || !PROCONNECT_CLIENT_SECRET) {
    return {
      configured: false as const,
      problem:
        "ProConnect n'est pas configuré : définissez PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET (voir .env.example).",
    };
  }
  return {
    configured: true as const,
    issuer: PROCONNECT_ISSUER.replace(/\/$/, ""),
    clientId: PROCONNECT_CLIENT_ID,
    clientSecret: PROCONNECT_CLIENT_SECRET,
    acrMin: env.PROCONNECT_ACR_MIN,
  };
}

/**
 * Production sends every email: a consent link exists only in the email that leaves, so without
 * SMTP no manager could ever answer.
 */
export function productionSmtpProblem(env: ServerEnv = serverEnv()): string | null {
  if (env.NODE_ENV !== "production" || env.SMTP_URL) return null;
  return "Démarrage refusé en production : SMTP_URL doit être défini (smtp://utilisateur:motdepasse@serveur:port). Sans envoi de courriels, aucun manager ne recevrait son lien d'accord. En local, `npm run dev` démarre un serveur de courriels de développement.";
}
