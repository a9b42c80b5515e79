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

/** Server settings, documented one by one in .env.example. */
const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  PGLITE_DATA_DIR: z.string().default(".data/pglite"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
  PROCONNECT_ISSUER: z.preprocess(emptyToUndefined, z.string().url().optional()),
  PROCONNECT_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().optional()),
  PROCONNECT_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Minimum `acr` accepted, e.g. "eidas1"; empty means no check. */
  PROCONNECT_ACR_MIN: z.preprocess(emptyToUndefined, z.enum(["eidas1", "eidas2", "eidas3"]).optional()),
  DINUM_ALLOWED_EMAILS: emailList,
  /** smtp://user:pass@host:port or smtps://…; empty: emails are kept in the outbox, readable by DINUM. */
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
  /** Level of the JSON logs (read by src/server/observability/logger.ts, validated here). */
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional()),
  /** How long in-flight requests get to finish after SIGTERM, in milliseconds. */
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(0).default(25_000),
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
