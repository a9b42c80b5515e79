CREATE TABLE "mission_alert_digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"unsubscribe_token_hash" text NOT NULL,
	"mission_count" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mission_alert_digests_unsubscribe_token_hash_unique" UNIQUE("unsubscribe_token_hash")
);--> statement-breakpoint
CREATE TABLE "mission_alert_items" (
	"agent_id" uuid NOT NULL,
	"mission_id" uuid NOT NULL,
	"digest_id" uuid NOT NULL,
	CONSTRAINT "mission_alert_items_agent_id_mission_id_pk" PRIMARY KEY("agent_id","mission_id")
);--> statement-breakpoint
CREATE TABLE "mission_alerts" (
	"agent_id" uuid PRIMARY KEY NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"subscribed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unsubscribed_at" timestamp with time zone,
	"last_digest_at" timestamp with time zone,
	"checked_through" timestamp with time zone
);--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mission_alert_digests" ADD CONSTRAINT "mission_alert_digests_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_alert_items" ADD CONSTRAINT "mission_alert_items_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_alert_items" ADD CONSTRAINT "mission_alert_items_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_alert_items" ADD CONSTRAINT "mission_alert_items_digest_id_mission_alert_digests_id_fk" FOREIGN KEY ("digest_id") REFERENCES "public"."mission_alert_digests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_alerts" ADD CONSTRAINT "mission_alerts_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mission_alert_digests_agent_idx" ON "mission_alert_digests" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "mission_alerts_due_idx" ON "mission_alerts" USING btree ("active","last_digest_at");--> statement-breakpoint
CREATE INDEX "missions_updated_at_idx" ON "missions" USING btree ("updated_at");
