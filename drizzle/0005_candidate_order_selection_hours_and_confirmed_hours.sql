CREATE TABLE "confirmed_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"mission_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"lending_administration_id" uuid,
	"borrowing_administration_id" uuid NOT NULL,
	"hours" integer NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "confirmed_hours_candidate_id_unique" UNIQUE("candidate_id")
);
--> statement-breakpoint
ALTER TABLE "mission_candidates" ADD COLUMN "final_position" integer;--> statement-breakpoint
ALTER TABLE "mission_candidates" ADD COLUMN "selected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mission_candidates" ADD COLUMN "hours_state" text;--> statement-breakpoint
ALTER TABLE "mission_candidates" ADD COLUMN "declared_hours" integer;--> statement-breakpoint
ALTER TABLE "mission_candidates" ADD COLUMN "confirmed_hours" integer;--> statement-breakpoint
ALTER TABLE "mission_candidates" ADD COLUMN "hours_comment" text;--> statement-breakpoint
ALTER TABLE "mission_candidates" ADD COLUMN "feedback" text;--> statement-breakpoint
ALTER TABLE "mission_candidates" ADD COLUMN "attested_skills" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "list_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "confirmed_hours" ADD CONSTRAINT "confirmed_hours_candidate_id_mission_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."mission_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmed_hours" ADD CONSTRAINT "confirmed_hours_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmed_hours" ADD CONSTRAINT "confirmed_hours_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmed_hours" ADD CONSTRAINT "confirmed_hours_lending_administration_id_administrations_id_fk" FOREIGN KEY ("lending_administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confirmed_hours" ADD CONSTRAINT "confirmed_hours_borrowing_administration_id_administrations_id_fk" FOREIGN KEY ("borrowing_administration_id") REFERENCES "public"."administrations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "confirmed_hours_lending_idx" ON "confirmed_hours" USING btree ("lending_administration_id");--> statement-breakpoint
CREATE INDEX "confirmed_hours_borrowing_idx" ON "confirmed_hours" USING btree ("borrowing_administration_id");