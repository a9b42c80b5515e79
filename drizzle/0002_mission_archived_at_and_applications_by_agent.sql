ALTER TABLE "missions" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "applications_agent_idx" ON "applications" USING btree ("agent_id");