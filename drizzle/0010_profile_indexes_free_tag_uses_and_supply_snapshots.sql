CREATE TABLE "free_tag_uses" (
	"key" text NOT NULL,
	"label" text NOT NULL,
	"source" text NOT NULL,
	"uses" integer NOT NULL,
	CONSTRAINT "free_tag_uses_key_label_source_pk" PRIMARY KEY("key","label","source")
);
--> statement-breakpoint
CREATE TABLE "observatoire_supply_snapshots" (
	"ministry" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"rows" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "agent_profiles_manager_email_idx" ON "agent_profiles" USING btree (lower("manager_email"));--> statement-breakpoint
CREATE INDEX "agent_profiles_updated_idx" ON "agent_profiles" USING btree ("updated_at","user_id");--> statement-breakpoint
CREATE INDEX "missions_state_submitted_idx" ON "missions" USING btree ("state","submitted_at","created_at");