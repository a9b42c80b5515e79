/** How each state of a candidate reads for people. */
export const CANDIDATE_STATES: Record<string, string> = {
  a_examiner: "À examiner",
  proposee: "Proposée, réponse de l’agent attendue",
  acceptee: "Acceptée, en attente de l'accord du manager",
  declinee: "Déclinée",
  consentie: "Accord du manager obtenu",
  refusee_manager: "Refusée par le manager",
  selectionnee: "Retenue par l'administration",
  non_retenue: "Non retenue",
};
