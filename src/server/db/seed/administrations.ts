/** Demo administrations: fictional SIRET numbers, real kinds of French public bodies. */
export type AdministrationKind =
  | "ministere"
  | "prefecture"
  | "collectivite"
  | "hopital"
  | "operateur";

export interface DemoAdministration {
  siret: string;
  name: string;
  kind: AdministrationKind;
  /** Ministry of attachment, used to roll up figures (ledger, observatory). */
  ministry: string;
  city: string;
}

export const demoAdministrations: DemoAdministration[] = [
  { siret: "11000101300017", name: "Direction interministérielle du numérique (DINUM)", kind: "ministere", ministry: "Services du Premier ministre", city: "Paris" },
  { siret: "11000201100044", name: "Ministère de l'Intérieur — DNUM", kind: "ministere", ministry: "Ministère de l'Intérieur", city: "Paris" },
  { siret: "13000326200019", name: "Ministère de la Culture — Secrétariat général", kind: "ministere", ministry: "Ministère de la Culture", city: "Paris" },
  { siret: "17720001500016", name: "Préfecture de la Sarthe", kind: "prefecture", ministry: "Ministère de l'Intérieur", city: "Le Mans" },
  { siret: "17330001700013", name: "Préfecture de la Gironde", kind: "prefecture", ministry: "Ministère de l'Intérieur", city: "Bordeaux" },
  { siret: "21220278700015", name: "Mairie de Saint-Brieuc", kind: "collectivite", ministry: "Collectivités territoriales", city: "Saint-Brieuc" },
  { siret: "22690001700019", name: "Département du Rhône", kind: "collectivite", ministry: "Collectivités territoriales", city: "Lyon" },
  { siret: "26590001200014", name: "CHU de Lille", kind: "hopital", ministry: "Ministère de la Santé", city: "Lille" },
  { siret: "26310001900018", name: "CHU de Toulouse", kind: "hopital", ministry: "Ministère de la Santé", city: "Toulouse" },
  { siret: "18002002600019", name: "France Travail — Direction régionale Bretagne", kind: "operateur", ministry: "Ministère du Travail", city: "Rennes" },
  { siret: "13002526500013", name: "Météo-France", kind: "operateur", ministry: "Ministère de la Transition écologique", city: "Toulouse" },
];
