import { isValidBsn, isValidRsin } from '../klantinteracties/elfproef';
import { RegisterInputError } from './ports';

/** Checks shared by the embedded registers and the connectors, so both refuse the same input. */

export function assertBsn(bsn: string, field = 'bsn'): void {
  if (!/^[0-9]{9}$/.test(bsn)) throw new RegisterInputError(field, 'Een BSN heeft 9 cijfers.');
  if (!isValidBsn(bsn)) throw new RegisterInputError(field, 'Dit BSN klopt niet (11-proef).');
}

export function assertRsin(rsin: string, field = 'rsin'): void {
  if (!/^[0-9]{9}$/.test(rsin) || !isValidRsin(rsin)) {
    throw new RegisterInputError(field, 'Dit RSIN klopt niet (9 cijfers, 11-proef).');
  }
}

export function assertKvkNummer(kvkNummer: string, field = 'kvkNummer'): void {
  if (!/^[0-9]{8}$/.test(kvkNummer)) throw new RegisterInputError(field, 'Een KvK-nummer heeft 8 cijfers.');
}

export function assertVestigingsnummer(nummer: string, field = 'vestigingsnummer'): void {
  if (!/^[0-9]{12}$/.test(nummer))
    throw new RegisterInputError(field, 'Een vestigingsnummer heeft 12 cijfers.');
}

/** `1234 ab` → `1234AB`; throws for anything that is not a Dutch postcode (BRP `Postcode` pattern). */
export function normalisePostcode(postcode: string, field = 'postcode'): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  if (!/^[1-9][0-9]{3}[A-Z]{2}$/.test(compact)) {
    throw new RegisterInputError(field, 'Vul een postcode in zoals 1234 AB.');
  }
  return compact;
}

export function assertHuisnummer(huisnummer: number, field = 'huisnummer'): void {
  if (!Number.isInteger(huisnummer) || huisnummer < 1 || huisnummer > 99999) {
    throw new RegisterInputError(field, 'Vul een huisnummer in van 1 tot en met 99999.');
  }
}

/** BRP `GeslachtsnaamFilter`: letters; a trailing `*` wildcard after at least 3 letters. */
export function assertGeslachtsnaam(naam: string, field = 'geslachtsnaam'): void {
  const ok = /^[a-zA-Z0-9À-ž .\-']{1,200}$/.test(naam) || /^[a-zA-Z0-9À-ž .\-']{3,199}\*$/.test(naam);
  if (!ok) throw new RegisterInputError(field, 'Vul een achternaam in (een * mag na minstens 3 letters).');
}

export function assertDatum(datum: string, field = 'geboortedatum'): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(datum) || Number.isNaN(Date.parse(`${datum}T00:00:00Z`))) {
    throw new RegisterInputError(field, 'Vul een datum in als JJJJ-MM-DD.');
  }
}
