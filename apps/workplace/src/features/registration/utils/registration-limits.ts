/** Limits from RegistrationRequest in @kcc/contracts/rest, checked here to give B1 messages per field. */
export const LIMITS = {
  onderwerp: 200,
  inhoud: 1000,
  reactie: 4000,
  gevraagdeHandeling: 200,
  toelichting: 1000,
};
