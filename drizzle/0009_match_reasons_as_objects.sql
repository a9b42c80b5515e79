-- Stored reasons become {"kind","text"} objects: a former string reason is kept as a strength.
UPDATE "mission_suggestions" SET "reasons" = (
  SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(e.r) = 'string' THEN jsonb_build_object('kind', 'force', 'text', e.r #>> '{}') ELSE e.r END ORDER BY e.n), '[]'::jsonb)
  FROM jsonb_array_elements("reasons") WITH ORDINALITY AS e(r, n)
) WHERE jsonb_typeof("reasons") = 'array' AND jsonb_path_exists("reasons", '$[*] ? (@.type() == "string")');--> statement-breakpoint
UPDATE "mission_candidates" SET "reasons" = (
  SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(e.r) = 'string' THEN jsonb_build_object('kind', 'force', 'text', e.r #>> '{}') ELSE e.r END ORDER BY e.n), '[]'::jsonb)
  FROM jsonb_array_elements("reasons") WITH ORDINALITY AS e(r, n)
) WHERE jsonb_typeof("reasons") = 'array' AND jsonb_path_exists("reasons", '$[*] ? (@.type() == "string")');
