import type { KlantbeeldDoel } from '@kcc/contracts/klantbeeld';
import { isValidBsn } from '@kcc/contracts/verwerkingen';

export type ZoekSoort = 'persoon' | 'organisatie';
export type PersoonZoekOp = 'bsn' | 'naam' | 'adres';
export type OrganisatieZoekOp = 'kvkNummer' | 'naam' | 'adres';
export type ZoekOp = PersoonZoekOp | OrganisatieZoekOp;

export const ZOEK_OP: {
  persoon: { op: PersoonZoekOp; label: string }[];
  organisatie: { op: OrganisatieZoekOp; label: string }[];
} = {
  persoon: [
    { op: 'bsn', label: 'BSN' },
    { op: 'naam', label: 'Achternaam en geboortedatum' },
    { op: 'adres', label: 'Postcode en huisnummer' },
  ],
  organisatie: [
    { op: 'kvkNummer', label: 'KvK-nummer' },
    { op: 'naam', label: 'Naam' },
    { op: 'adres', label: 'Postcode en huisnummer' },
  ],
};

export interface ZoekValues {
  bsn: string;
  geslachtsnaam: string;
  geboortedatum: string;
  postcode: string;
  huisnummer: string;
  kvkNummer: string;
  naam: string;
  /** A KLANTBEELD_DOELEN code, or '' (not chosen). Ignored while a contact is open. */
  doel: KlantbeeldDoel | '';
}
export type ZoekField = keyof ZoekValues;
export type ZoekErrors = Partial<Record<ZoekField, string>>;

export const EMPTY_VALUES: ZoekValues = {
  bsn: '',
  geslachtsnaam: '',
  geboortedatum: '',
  postcode: '',
  huisnummer: '',
  kvkNummer: '',
  naam: '',
  doel: '',
};

/** The fields of one search, in screen order. */
export function fieldsFor(soort: ZoekSoort, op: ZoekOp): ZoekField[] {
  if (op === 'adres') return ['postcode', 'huisnummer'];
  if (soort === 'persoon') return op === 'bsn' ? ['bsn'] : ['geslachtsnaam', 'geboortedatum'];
  return op === 'kvkNummer' ? ['kvkNummer'] : ['naam'];
}

/** `dd-mm-jjjj` (also with / or .) or `jjjj-mm-dd` → `jjjj-mm-dd` when it is a real date, else undefined. */
export function parseDatum(input: string): string | undefined {
  const value = input.trim();
  let y: number, m: number, d: number;
  const nl = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (nl) [d, m, y] = [Number(nl[1]), Number(nl[2]), Number(nl[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "1234 ab" → "1234AB"; undefined when it is not a Dutch postcode. */
export function normalizePostcode(input: string): string | undefined {
  const value = input.replace(/\s+/g, '').toUpperCase();
  return /^[1-9][0-9]{3}[A-Z]{2}$/.test(value) ? value : undefined;
}

const HUISNUMMER = /^[1-9][0-9]{0,4}$/;

/** Dutch B1 messages for the fields of this search; the purpose is required unless a contact is open. */
export function validateZoek(
  soort: ZoekSoort,
  op: ZoekOp,
  values: ZoekValues,
  options: { doelNodig: boolean },
  today: Date = new Date(),
): ZoekErrors {
  const errors: ZoekErrors = {};
  for (const field of fieldsFor(soort, op)) {
    const value = values[field].trim();
    switch (field) {
      case 'bsn':
        if (value === '') errors.bsn = 'Vul het BSN in.';
        else if (!/^[0-9]{9}$/.test(value)) errors.bsn = 'Een BSN heeft 9 cijfers.';
        else if (!isValidBsn(value)) errors.bsn = 'Dit BSN klopt niet. Controleer het nummer.';
        break;
      case 'geslachtsnaam':
        if (value === '') errors.geslachtsnaam = 'Vul de achternaam in.';
        else if (value.length > 200) errors.geslachtsnaam = 'De achternaam is te lang.';
        break;
      case 'geboortedatum': {
        const iso = value === '' ? undefined : parseDatum(value);
        if (value === '') errors.geboortedatum = 'Vul de geboortedatum in.';
        else if (!iso) errors.geboortedatum = 'Vul een datum in zoals 07-07-1970.';
        else if (iso > today.toISOString().slice(0, 10))
          errors.geboortedatum = 'Deze datum ligt in de toekomst.';
        break;
      }
      case 'postcode':
        if (value === '') errors.postcode = 'Vul de postcode in.';
        else if (!normalizePostcode(value)) errors.postcode = 'Vul een postcode in zoals 1234 AB.';
        break;
      case 'huisnummer':
        if (value === '') errors.huisnummer = 'Vul het huisnummer in.';
        else if (!HUISNUMMER.test(value))
          errors.huisnummer = 'Vul alleen het nummer in, zonder letter of toevoeging.';
        break;
      case 'kvkNummer':
        if (value === '') errors.kvkNummer = 'Vul het KvK-nummer in.';
        else if (!/^[0-9]{8}$/.test(value)) errors.kvkNummer = 'Een KvK-nummer heeft 8 cijfers.';
        break;
      case 'naam':
        if (value.length < 2) errors.naam = 'Vul minstens 2 tekens van de naam in.';
        else if (value.length > 200) errors.naam = 'De naam is te lang.';
        break;
      case 'doel':
        break;
    }
  }
  if (options.doelNodig && values.doel === '')
    errors.doel = 'Kies een doel. Zonder doel mag u geen gegevens van inwoners inzien.';
  return errors;
}

/** Query parameters for the server: only the fields of this search, plus the purpose. */
export function zoekParams(
  soort: ZoekSoort,
  op: ZoekOp,
  values: ZoekValues,
  doel: { contactId: string } | { doel: KlantbeeldDoel },
): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of fieldsFor(soort, op)) {
    const value = values[field].trim();
    if (field === 'geboortedatum') params.set(field, parseDatum(value) ?? value);
    else if (field === 'postcode') params.set(field, normalizePostcode(value) ?? value);
    else params.set(field, value);
  }
  if ('contactId' in doel) params.set('contactId', doel.contactId);
  else params.set('doel', doel.doel);
  return params;
}

/** `query.bsn` → `bsn`: the form field a server reason belongs to (undefined when it has none on screen). */
export function fieldOfParam(name: string, visible: readonly ZoekField[]): ZoekField | undefined {
  const field = name.replace(/^(query|params)\./, '');
  if (field === 'contactId') return undefined;
  return (visible as readonly string[]).includes(field) ? (field as ZoekField) : undefined;
}
