import { ERROR_CODES, MAX_MESSAGE_LENGTH, type AckIssue } from './protocol';

/** Every text the resident sees (Dutch, B1). */
export const TEXTS = {
  defaultTitle: 'Chat met de gemeente',
  launcherOpen: 'Chat met de gemeente',
  launcherClose: 'Chat sluiten',
  close: 'Sluiten',
  intro:
    'Stel uw vraag aan een medewerker van de gemeente. U hoeft uw naam en e-mailadres niet in te vullen.',
  nameLabel: 'Naam (niet verplicht)',
  emailLabel: 'E-mailadres (niet verplicht)',
  subjectLabel: 'Waar gaat uw vraag over? (niet verplicht)',
  startButton: 'Chat starten',
  starting: 'Even geduld, we zoeken een medewerker…',
  resuming: 'We halen uw gesprek op…',
  messageLabel: 'Uw bericht',
  sendButton: 'Versturen',
  endButton: 'Chat beëindigen',
  messagesLabel: 'Berichten',
  you: 'U',
  agentFallbackName: 'Medewerker',
  waitingNoPosition: 'U staat in de wachtrij. Een medewerker helpt u zo snel mogelijk.',
  agentJoined: (name: string) => `${name} helpt u nu.`,
  agentTyping: (name: string) => `${name} typt…`,
  endedByAgent: 'De medewerker heeft de chat beëindigd.',
  endedByYou: 'U heeft de chat beëindigd.',
  endedBySystem: 'De chat is gestopt.',
  ratingQuestion: 'Hoe tevreden bent u?',
  ratingOption: (score: number) => `${score} ${score === 1 ? 'ster' : 'sterren'}`,
  ratingLow: '1 = niet tevreden',
  ratingHigh: '5 = heel tevreden',
  ratingButton: 'Beoordeling versturen',
  ratingThanks: 'Bedankt voor uw beoordeling.',
  transcriptQuestion: (email: string) => `Wilt u het gesprek per e-mail ontvangen op ${email}?`,
  transcriptButton: 'Gesprek mailen',
  transcriptSent: (email: string) => `We sturen het gesprek naar ${email}.`,
  newChatButton: 'Nieuwe chat starten',
  offlineTitle: 'Laat een bericht achter',
  offlineIntro:
    'Laat een bericht achter of vraag of we u terugbellen. We nemen zo snel mogelijk contact met u op.',
  offlineNoAgents: 'Er is op dit moment geen medewerker beschikbaar.',
  offlineClosed: 'De chat is nu gesloten.',
  openingHours: (hours: string) => `Openingstijden van de chat: ${hours}.`,
  leaveMessageInstead: 'Liever een bericht achterlaten?',
  offlineNameLabel: 'Uw naam (niet verplicht)',
  offlineEmailLabel: 'Uw e-mailadres',
  offlinePhoneLabel: 'Uw telefoonnummer',
  offlineContactHint:
    'Vul een e-mailadres in, of kies hieronder "Bel mij terug", zodat we u kunnen antwoorden.',
  offlineTextLabel: 'Uw vraag of bericht',
  callbackLabel: 'Bel mij terug',
  callbackDateLabel: 'Op welke dag?',
  callbackWindowHint: 'Niet verplicht. Laat leeg als het niet uitmaakt wanneer we bellen.',
  callbackFromLabel: 'Vanaf (tijd)',
  callbackToLabel: 'Tot (tijd)',
  offlineButton: 'Bericht versturen',
  offlineSentMessage: 'Bedankt. We hebben uw bericht ontvangen en nemen zo snel mogelijk contact met u op.',
  offlineSentCallback: 'Bedankt. We bellen u terug in de tijd die u heeft gekozen.',
  sendFailed: 'Dit bericht is niet verstuurd.',
  disconnected: 'De verbinding is weg. We proberen opnieuw te verbinden…',
  reconnected: 'De verbinding is hersteld.',
  conversationGone: 'Uw vorige gesprek is afgelopen. U kunt een nieuwe chat starten.',
  // Validation in the widget itself
  emptyMessage: 'Typ eerst een bericht.',
  tooLong: `Uw bericht is te lang. Gebruik maximaal ${MAX_MESSAGE_LENGTH} tekens.`,
  invalidEmail: 'Dit e-mailadres klopt niet. Een goed voorbeeld is naam@voorbeeld.nl.',
  contactRequired: 'Vul een e-mailadres in, of kies "Bel mij terug" en vul uw telefoonnummer in.',
  phoneRequired: 'Vul een telefoonnummer in als u wilt dat we u terugbellen.',
  invalidPhone: 'Dit telefoonnummer klopt niet. Een goed voorbeeld is 06 12345678.',
  callbackWindowRequired: 'Kies een dag en een begin- en eindtijd.',
  callbackWindowOrder: 'De eindtijd moet later zijn dan de begintijd.',
  callbackWindowPast: 'Kies een tijd in de toekomst.',
  ratingRequired: 'Kies eerst een score.',
} as const;

/** "U bent nummer 2 in de wachtrij. Verwachte wachttijd: ongeveer 1 minuut." */
export function queueText(position: number, expectedWaitSeconds: number | null): string {
  const place = `U bent nummer ${position} in de wachtrij.`;
  if (expectedWaitSeconds === null || !Number.isFinite(expectedWaitSeconds) || expectedWaitSeconds < 0) {
    return place;
  }
  return `${place} Verwachte wachttijd: ${waitText(expectedWaitSeconds)}.`;
}

export function waitText(seconds: number): string {
  if (seconds < 45) return 'minder dan 1 minuut';
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `ongeveer ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}`;
}

/** Explains a refusal from the server (`{ok:false, error}`) in plain Dutch. */
export function refusalText(error: string, issues?: AckIssue[]): string {
  switch (error) {
    case ERROR_CODES.rateLimited:
      return 'U stuurt te veel berichten achter elkaar. Wacht een minuut en probeer het dan opnieuw.';
    case ERROR_CODES.tooManyConnections:
      return 'Er zijn te veel chats vanaf uw internetverbinding. Probeer het later opnieuw.';
    case ERROR_CODES.origin:
      return 'De chat mag niet worden gebruikt op deze website.';
    case ERROR_CODES.unavailable:
      return TEXTS.offlineNoAgents;
    case ERROR_CODES.alreadyStarted:
      return 'U heeft al een chat geopend. Ga verder in die chat of sluit het andere venster.';
    case ERROR_CODES.notEnded:
      return 'Dit kan pas als de chat is beëindigd.';
    case ERROR_CODES.notFound:
    case ERROR_CODES.noConversation:
      return TEXTS.conversationGone;
    case ERROR_CODES.noEmail:
      return 'U gaf bij de start van de chat geen e-mailadres. Daarom kunnen we het gesprek niet mailen.';
    case ERROR_CODES.ended:
      return 'De chat is al beëindigd.';
    case ERROR_CODES.digidInvalid:
      return 'Uw DigiD-inlog is verlopen of niet geldig. Start de chat opnieuw zonder DigiD, of log opnieuw in.';
    case ERROR_CODES.invalidPayload: {
      if ((issues ?? []).some((i) => i.path[0] === 'text' && i.code === 'too_big')) return TEXTS.tooLong;
      const fields = (issues ?? []).map((issue) => fieldName(String(issue.path[0] ?? ''))).filter(Boolean);
      return fields.length > 0
        ? `Controleer dit: ${[...new Set(fields)].join(', ')}.`
        : 'Wat u heeft ingevuld klopt niet. Controleer het en probeer het opnieuw.';
    }
    case ERROR_CODES.timeout:
      return 'De gemeente reageert niet. Controleer uw internetverbinding en probeer het opnieuw.';
    default:
      return 'Er ging iets mis. Probeer het later opnieuw.';
  }
}

function fieldName(path: string): string {
  const names: Record<string, string> = {
    name: 'naam',
    email: 'e-mailadres',
    phone: 'telefoonnummer',
    terugbellen: 'telefoonnummer of terugbeltijd',
    subject: 'onderwerp',
    text: 'bericht',
    score: 'score',
  };
  return names[path] ?? '';
}
