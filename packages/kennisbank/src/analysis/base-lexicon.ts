/**
 * A small seed lexicon of frequent Dutch government words, so compound splitting works before any
 * corpus has been learned (and in the stand-alone `analyze`). The index adds the corpus vocabulary.
 */
export const BASE_LEXICON: readonly string[] = [
  'aanslag', 'aanvraag', 'adres', 'afval', 'akte', 'attest', 'auto', 'belasting', 'beroep', 'bestemming', 'betaling',
  'bewijs', 'bewoner', 'bezwaar', 'bijstand', 'boom', 'bouw', 'brief', 'buurt', 'container', 'dienst', 'document',
  'fiets', 'gebied', 'gegevens', 'geboorte', 'gehandicapt', 'gemeente', 'geld', 'gezondheid', 'glas', 'grond',
  'heffing', 'hond', 'huis', 'huur', 'huwelijk', 'identiteit', 'inkomen', 'inschrijving', 'kaart', 'kind', 'kinder',
  'kosten', 'lening', 'melding', 'naam', 'ontheffing', 'opvang', 'overlijden', 'papier', 'parkeer', 'parkeren',
  'paspoort', 'pas', 'persoon', 'plaats', 'plan', 'regeling', 'reis', 'riool', 'schade', 'school', 'sloop',
  'sport', 'stoffen', 'straat', 'subsidie', 'tarief', 'taxatie', 'toeslag', 'uitkering', 'uittreksel', 'vergunning',
  'verhuizing', 'verklaring', 'verlof', 'vervoer', 'voertuig', 'vuil', 'water', 'weg', 'werk', 'wijziging',
  'woning', 'woon', 'zaak', 'zorg',
];
