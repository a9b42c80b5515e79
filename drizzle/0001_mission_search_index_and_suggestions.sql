CREATE TABLE "mission_suggestions" (
	"mission_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"engine_rank" integer NOT NULL,
	"score" real NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mission_suggestions_mission_id_agent_id_pk" PRIMARY KEY("mission_id","agent_id")
);
--> statement-breakpoint
ALTER TABLE "mission_suggestions" ADD CONSTRAINT "mission_suggestions_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mission_suggestions" ADD CONSTRAINT "mission_suggestions_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mission_suggestions_rank_idx" ON "mission_suggestions" USING btree ("mission_id","engine_rank");--> statement-breakpoint
CREATE INDEX "missions_search_idx" ON "missions" USING gin (to_tsvector('french'::regconfig, translate(lower("title" || ' ' || "context" || ' ' || "description"), 'àâäáãéèêëíìîïóòôöõúùûüçœæ', 'aaaaaeeeeiiiiooooouuuucoa')));