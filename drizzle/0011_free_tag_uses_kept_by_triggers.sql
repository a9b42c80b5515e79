-- Free tags (skills with no concept) counted per folded key, spelling and source, kept on write:
-- DINUM's list then groups this small table instead of unnesting every skill on each view.
CREATE FUNCTION free_tag_key(label text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(btrim(translate(lower(label), 'àâäáãåéèêëíìîïóòôöõúùûüýÿçñœæ', 'aaaaaaeeeeiiiiooooouuuuyycnoa')), '\s+', ' ', 'g')
$$;
--> statement-breakpoint
CREATE FUNCTION free_tag_uses_apply(old_skills jsonb, new_skills jsonb, tag_source text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Ordered, so that two transactions touching the same tags lock them in the same order.
  INSERT INTO free_tag_uses AS counted (key, label, source, uses)
  SELECT free_tag_key(tag.label), btrim(tag.label), tag_source, sum(tag.delta)::int
  FROM (
    SELECT skill->>'label' AS label, -1 AS delta FROM jsonb_array_elements(coalesce(old_skills, '[]'::jsonb)) AS skill
      WHERE skill->>'conceptId' IS NULL AND btrim(coalesce(skill->>'label', '')) <> ''
    UNION ALL
    SELECT skill->>'label', 1 FROM jsonb_array_elements(coalesce(new_skills, '[]'::jsonb)) AS skill
      WHERE skill->>'conceptId' IS NULL AND btrim(coalesce(skill->>'label', '')) <> ''
  ) AS tag
  GROUP BY 1, 2
  HAVING sum(tag.delta) <> 0
  ORDER BY 1, 2
  ON CONFLICT (key, label, source) DO UPDATE SET uses = counted.uses + excluded.uses;
END
$$;
--> statement-breakpoint
CREATE FUNCTION free_tag_uses_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM free_tag_uses_apply(NULL, NEW.skills, TG_ARGV[0]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM free_tag_uses_apply(OLD.skills, NULL, TG_ARGV[0]);
  ELSIF NEW.skills IS DISTINCT FROM OLD.skills THEN
    PERFORM free_tag_uses_apply(OLD.skills, NEW.skills, TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER agent_profiles_free_tag_uses AFTER INSERT OR DELETE OR UPDATE OF skills ON agent_profiles
  FOR EACH ROW EXECUTE FUNCTION free_tag_uses_track('profil');
--> statement-breakpoint
CREATE TRIGGER missions_free_tag_uses AFTER INSERT OR DELETE OR UPDATE OF skills ON missions
  FOR EACH ROW EXECUTE FUNCTION free_tag_uses_track('mission');
--> statement-breakpoint
INSERT INTO free_tag_uses (key, label, source, uses)
SELECT free_tag_key(tag.label), btrim(tag.label), tag.source, count(*)::int
FROM (
  SELECT skill->>'label' AS label, 'profil' AS source FROM agent_profiles, jsonb_array_elements(agent_profiles.skills) AS skill
    WHERE skill->>'conceptId' IS NULL AND btrim(coalesce(skill->>'label', '')) <> ''
  UNION ALL
  SELECT skill->>'label', 'mission' FROM missions, jsonb_array_elements(missions.skills) AS skill
    WHERE skill->>'conceptId' IS NULL AND btrim(coalesce(skill->>'label', '')) <> ''
) AS tag
GROUP BY 1, 2, 3;
