import { KLANTBEELD_DOEL_LABELS, KlantbeeldDoel } from '@kcc/contracts/klantbeeld';
import type { VerwerkingsactiviteitCode, VerwerkingsactiviteitDto } from '@kcc/contracts/verwerkingen';

/**
 * The register of processing activities (verwerkingsactiviteitenregister, AVG art. 30) that the KCC
 * workplace performs. Each entry has a stable UUID: the VNG model refers to it as `verwerkingsactiviteitId`.
 *
 * Bewaartermijn and grondslag are defaults for the demo: a municipality sets its own from its
 * selectielijst and its privacy register before going live.
 */
export const VERWERKINGSACTIVITEITEN: readonly VerwerkingsactiviteitDto[] = [
  {
    id: 'a4fc6e04-934c-4035-a117-32add96b7f26',
    code: 'kcc-klantcontact-afhandelen',
    naam: 'Klantcontact afhandelen (KCC)',
    doel: 'Vragen van inwoners en ondernemers beantwoorden via telefoon, chat, e-mail en balie.',
    grondslag: 'AVG art. 6 lid 1 sub e (taak van algemeen belang)',
    bewaartermijn: 'P2Y',
    vertrouwelijkheid: 'normaal',
  },
  {
    id: 'ad8bcfda-b7f1-495f-8295-e3113b28807d',
    code: 'kcc-terugbelverzoek',
    naam: 'Terugbelverzoek en interne taak afhandelen (KCC)',
    doel: 'Een inwoner terugbellen of een doorgezette vraag afhandelen zonder lopend contact.',
    grondslag: 'AVG art. 6 lid 1 sub e (taak van algemeen belang)',
    bewaartermijn: 'P2Y',
    vertrouwelijkheid: 'normaal',
  },
  {
    id: '55d3fda9-20aa-440a-8bc9-e40fa58112b7',
    code: 'kcc-integratie-klantinteracties',
    naam: 'Gegevens leveren aan gekoppelde systemen (Klantinteracties API)',
    doel: 'Klantcontacten en partijen delen met zaak- en taaksystemen van de gemeente.',
    grondslag: 'AVG art. 6 lid 1 sub e (taak van algemeen belang)',
    bewaartermijn: 'P2Y',
    vertrouwelijkheid: 'normaal',
  },
  {
    id: 'cd83aad4-de32-4fe4-9ee5-41ce1f6760c6',
    code: 'privacy-inzageverzoek',
    naam: 'Inzageverzoek behandelen (AVG art. 15)',
    doel: 'Een inwoner laten zien wie zijn of haar gegevens wanneer en waarvoor heeft verwerkt.',
    grondslag: 'AVG art. 6 lid 1 sub c (wettelijke verplichting)',
    bewaartermijn: 'P2Y',
    vertrouwelijkheid: 'normaal',
  },
  {
    id: '9b3f6c52-1d7e-4f0a-8c2b-5e4d7a9f1c03',
    code: 'kcc-terugkoppeling',
    naam: 'Inwoner informeren over de afhandeling van een vraag (KCC)',
    doel: 'Een inwoner laten weten wat er met de vraag is gebeurd, en na een telefoongesprek om een oordeel vragen als de inwoner daarvoor toestemming gaf.',
    grondslag:
      'AVG art. 6 lid 1 sub e (taak van algemeen belang); vragen om een oordeel: sub a (toestemming)',
    bewaartermijn: 'P2Y',
    vertrouwelijkheid: 'normaal',
  },
];

const BY_CODE = new Map(VERWERKINGSACTIVITEITEN.map((a) => [a.code, a]));
const BY_ID = new Map(VERWERKINGSACTIVITEITEN.map((a) => [a.id, a]));

export function activiteit(code: VerwerkingsactiviteitCode): VerwerkingsactiviteitDto {
  const a = BY_CODE.get(code);
  if (!a) throw new Error(`Onbekende verwerkingsactiviteit: ${code}`);
  return a;
}

export function activiteitById(id: string): VerwerkingsactiviteitDto | undefined {
  return BY_ID.get(id);
}

/** Purpose of the privacy officer's own reads of the log. */
export const DOEL_INZAGEVERZOEK = 'inzageverzoek';

const ACTIVITEIT_VOOR_DOEL: Record<KlantbeeldDoel, VerwerkingsactiviteitCode> = {
  terugbelverzoek_afhandelen: 'kcc-terugbelverzoek',
  interne_taak_afhandelen: 'kcc-terugbelverzoek',
  klantvraag_zonder_contact: 'kcc-klantcontact-afhandelen',
};

/** The activity a purpose falls under: `contact:<id>` and unknown purposes → klantcontact afhandelen. */
export function activiteitVoorDoel(doel: string): VerwerkingsactiviteitCode {
  if (doel === DOEL_INZAGEVERZOEK) return 'privacy-inzageverzoek';
  const parsed = KlantbeeldDoel.safeParse(doel);
  return parsed.success ? ACTIVITEIT_VOOR_DOEL[parsed.data] : 'kcc-klantcontact-afhandelen';
}

/** Dutch description of a purpose for the log and the export. */
export function doelOmschrijving(doel: string): string {
  // The contact stays traceable through `contactId`; an id means nothing to the resident or the privacy officer.
  if (doel.startsWith('contact:')) return 'Afhandelen van een lopend klantcontact';
  if (doel === DOEL_INZAGEVERZOEK) return 'Inzageverzoek (AVG art. 15)';
  if (doel === 'zoeken-partij') return 'Zoeken naar een klant';
  if (doel === 'integratie') return 'Levering aan gekoppeld systeem';
  if (doel === 'verificatie') return 'Identiteit van de klant verifiëren (antwoorden vergeleken met de BRP)';
  const parsed = KlantbeeldDoel.safeParse(doel);
  return parsed.success ? KLANTBEELD_DOEL_LABELS[parsed.data] : doel;
}
