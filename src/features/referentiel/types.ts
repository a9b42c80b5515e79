/** A concept suggested by the tag picker, as the suggestions route returns it. */
export interface SkillSuggestion {
  conceptId: string;
  label: string;
  family: string;
  familyLabel: string;
  /** The synonym, acronym or English term that matched, when it is not the label. */
  matchedForm: string | null;
}

/** What the tag picker hands over: a concept of the référentiel, or a free tag (conceptId null). */
export interface PickedTag {
  label: string;
  conceptId: string | null;
}
