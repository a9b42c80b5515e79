/**
 * The engine keeps each indexed profile (for explanations): 100,000 of them at the designed size.
 * Administration names, places and skills repeat across profiles, and each row read from Postgres
 * brings its own copy; one shared copy of each (skills are frozen, never changed in place) saves
 * a fifth of what the profiles weigh. Bounded: beyond this many distinct values, a fresh table.
 */
const INTERNED_KEPT = 200_000;
const internedStrings = new Map<string, string>();
const internedSkills = new Map<string, Readonly<{ label: string; level: "notions" | "autonome" | "expert" }>>();

export function intern(value: string): string {
  const held = internedStrings.get(value);
  if (held !== undefined) return held;
  if (internedStrings.size >= INTERNED_KEPT) internedStrings.clear();
  internedStrings.set(value, value);
  return value;
}

export function internSkill(label: string, level: "notions" | "autonome" | "expert") {
  const key = `${level}\u0000${label}`;
  const held = internedSkills.get(key);
  if (held) return held;
  if (internedSkills.size >= INTERNED_KEPT) internedSkills.clear();
  const skill = Object.freeze({ label: intern(label), level });
  internedSkills.set(key, skill);
  return skill;
}

