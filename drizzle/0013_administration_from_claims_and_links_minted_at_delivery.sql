CREATE TABLE "administration_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"claimed_siret" varchar(14),
	"current_administration_id" uuid,
	"requested_administration_id" uuid,
	"requested_siret" varchar(14),
	"requested_name" text,
	"reason" text NOT NULL,
	"status" text DEFAULT 'en_attente' NOT NULL,
	"decided_by_user_id" uuid,
	"decision_comment" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_requests" ALTER COLUMN "token_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "consent_request_id" uuid;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD COLUMN "verification" text;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD COLUMN "decided_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD COLUMN "verification_details" jsonb;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "administration_corrected_for_siret" varchar(14);--> statement-breakpoint
ALTER TABLE "administration_corrections" ADD CONSTRAINT "administration_corrections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administration_corrections" ADD CONSTRAINT "administration_corrections_current_administration_id_administrations_id_fk" FOREIGN KEY ("current_administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administration_corrections" ADD CONSTRAINT "administration_corrections_requested_administration_id_administrations_id_fk" FOREIGN KEY ("requested_administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administration_corrections" ADD CONSTRAINT "administration_corrections_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "administration_corrections_one_open_uq" ON "administration_corrections" USING btree ("user_id") WHERE "administration_corrections"."status" = 'en_attente';--> statement-breakpoint
CREATE INDEX "administration_corrections_status_idx" ON "administration_corrections" USING btree ("status","created_at");--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_consent_request_id_consent_requests_id_fk" FOREIGN KEY ("consent_request_id") REFERENCES "public"."consent_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Administrations chosen by the person themself are no longer trusted: each becomes a request that DINUM decides, and the administration follows the SIRET again until then.
INSERT INTO "administration_corrections" ("user_id", "claimed_siret", "current_administration_id", "requested_administration_id", "reason")
SELECT u."id", u."siret", (SELECT a."id" FROM "administrations" a WHERE a."siret" = u."siret"), u."administration_id", 'Administration choisie par la personne avant la validation par la DINUM : à confirmer.'
FROM "users" u WHERE u."administration_corrected";--> statement-breakpoint
UPDATE "users" u SET "administration_id" = (SELECT a."id" FROM "administrations" a WHERE a."siret" = u."siret"), "administration_corrected" = false WHERE u."administration_corrected";--> statement-breakpoint
-- Consent emails not yet delivered are tied to their request (found by the hash of the link they hold), so that a fresh link is minted when they leave.
UPDATE "email_outbox" e SET "consent_request_id" = c."id", "status" = CASE WHEN e."status" = 'conserve' THEN 'en_attente' ELSE e."status" END
FROM "consent_requests" c
WHERE e."status" IN ('en_attente', 'conserve', 'echec') AND c."decided_at" IS NULL AND c."superseded_at" IS NULL
  AND c."token_hash" = encode(sha256(convert_to(substring(e."text_body" from '/consentement/([A-Za-z0-9_-]{43})'), 'UTF8')), 'hex');--> statement-breakpoint
-- No usable link stays in the database.
UPDATE "email_outbox" SET
  "text_body" = regexp_replace("text_body", 'https?://[^[:space:]"<>]*/consentement/[A-Za-z0-9_-]{16,}', '[lien personnel ajouté au moment de l’envoi]', 'g'),
  "html_body" = regexp_replace("html_body", 'https?://[^[:space:]"<>]*/consentement/[A-Za-z0-9_-]{16,}', '[lien personnel ajouté au moment de l’envoi]', 'g')
WHERE "text_body" ~ '/consentement/[A-Za-z0-9_-]{16,}' OR "html_body" ~ '/consentement/[A-Za-z0-9_-]{16,}';
