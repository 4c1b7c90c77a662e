/** Co-browse texts for the resident (B1). */
export const COBROWSE_TEXTS = {
  codeTitle: 'Hulp van een medewerker',
  codeIntro: 'Belt u met de gemeente? Noem deze code aan de medewerker:',
  codeHint: 'De code werkt 10 minuten en maar één keer. Er wordt nog niets gedeeld.',
  codeWaiting: 'Een code aanvragen…',
  codeFailed: 'Het aanvragen van een code lukte niet. Probeer het opnieuw.',
  codeRateLimited: 'U heeft te vaak een code aangevraagd. Probeer het later opnieuw.',
  close: 'Sluiten',
  consentTitle: (name: string) => `Mag ${name} meekijken?`,
  consentIntro: (name: string) =>
    `${name}, medewerker van de gemeente, wil meekijken op deze website om u te helpen.`,
  consentSees: (name: string) =>
    `${name} ziet de pagina's van deze website die u bekijkt, en waar uw muis is.`,
  consentMasked: 'Wat u in formuliervelden typt, ziet de medewerker niet. Ook uw BSN en rekeningnummer niet.',
  consentNoControl: 'De medewerker kan niets doen op uw scherm. Alleen iets aanwijzen.',
  consentStop: 'U kunt altijd stoppen.',
  allow: 'Toestaan',
  refuse: 'Weigeren',
  controlTitle: (name: string) => `Mag ${name} uw scherm bedienen?`,
  controlIntro: (name: string) =>
    `${name} kan dan voor u klikken en typen op deze website. U ziet alles wat er gebeurt. U kunt de bediening altijd terugnemen.`,
  controlAllow: 'Bediening toestaan',
  banner: 'Een medewerker van de gemeente kijkt mee',
  bannerControl: 'en mag uw scherm bedienen',
  stop: 'Stoppen',
  takeBack: 'Bediening terugnemen',
  started: 'Het meekijken is begonnen.',
  controlOn: 'De medewerker mag nu uw scherm bedienen.',
  controlOff: 'De medewerker kan uw scherm niet meer bedienen.',
  ended: 'Het meekijken is gestopt.',
  refused: 'U heeft het meekijken geweigerd. Er is niets gedeeld.',
  pointing: 'De medewerker wijst iets aan op de pagina.',
} as const;
