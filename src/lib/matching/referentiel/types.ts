/** A skill concept of the référentiel: every way people write it maps to one id. */
export interface SkillConcept {
  /** Stable identifier (kebab-case), used as a key in the database. */
  id: string;
  /** Display label in French. */
  label: string;
  /** Family id (see FAMILLES): another concept of the same family earns partial credit. */
  family: string;
  /** French synonyms and spelling variants (accents and case do not matter). */
  synonyms: string[];
  /** Acronyms and short forms (RGPD, AIPD, D10). */
  acronyms: string[];
  /** English equivalents (hardening, backup, dashboards). */
  english: string[];
  /** A more general concept of the référentiel (e.g. M@gistère → Moodle). */
  broader?: string;
  /** Close concepts that earn more than a family match. */
  related?: string[];
  /**
   * Forms too ambiguous to count alone ("réseau", "sécurité", "migration"): they count only when
   * the same text shows another concept of the same family (or a related one).
   */
  ambiguous?: string[];
}

export interface SkillFamily {
  id: string;
  label: string;
  /** Credit given when a profile has another concept of this family (0 = none). */
  partialCredit: number;
}
