/**
 * Public API of the matching engine (pure module: no framework, no database).
 *
 *   const engine = createMatchingEngine(agents, { concepts });   // concepts from the database, or the seed
 *   engine.rankAgents(mission, { top: 20 });                     // ranked candidates with French reasons
 *   engine.upsertAgent(agent); engine.removeAgent(id);           // incremental updates
 *   engine.rankMissionsForAgent(agent, missions, { top: 10 });   // « missions pour moi »
 *   suggestConcepts("securite", 8);                              // tag picker
 */
export { MatchingEngine, createMatchingEngine, buildReasons, buildExplanation, type MatchingEngineOptions, type RankOptions } from "./engine";
export {
  REFERENTIEL_CONCEPTS,
  FAMILLES,
  buildReferentiel,
  getDefaultReferentiel,
  suggestConcepts,
  type ConceptSuggestion,
  type Referentiel,
  type SkillConcept,
  type SkillFamily,
} from "./referentiel";
export { FIT_LABELS, FIT_THRESHOLDS, REASON_KIND_LABELS, fitLevel, reasonsAsText } from "./fit";
export { analyzeText, foldText, stemWord } from "./text";
export type * from "./types";
