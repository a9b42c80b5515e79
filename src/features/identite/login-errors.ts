/** French explanation, with what to do, for the error codes Auth.js puts in the URL. */
export function loginErrorMessage(code: string | undefined): string {
  switch (code) {
    case "AccessDenied":
      return "Votre compte n'a pas accès à ce service. Si vous pensez qu'il s'agit d'une erreur, écrivez à l'équipe Mission Talents de la DINUM.";
    case "Verification":
      return "Le lien de connexion a expiré ou a déjà servi. Relancez la connexion.";
    case "OAuthCallbackError":
      return "ProConnect a interrompu la connexion (annulation ou refus). Relancez la connexion ; si cela se reproduit, essayez un autre fournisseur d'identité dans ProConnect.";
    default:
      return "Nous n'avons pas pu vérifier votre identité auprès de ProConnect (service indisponible, session expirée ou réponse invalide). Patientez quelques instants puis relancez la connexion depuis cette page.";
  }
}
