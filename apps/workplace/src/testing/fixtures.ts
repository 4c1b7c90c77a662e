import type { Contact } from '@kcc/contracts/domain';
import type { ContactOfferedEvent } from '@kcc/contracts/realtime';
import type { ContactKlantbeeldResponse } from '@kcc/contracts/klantbeeld';
import type { LoginResponse, MeResponse, PartijView } from '@kcc/contracts/rest';

export const SERVER_URL = 'http://kcc.test';

export const session: LoginResponse = {
  token: 'test-token',
  user: { id: 'u-anna', name: 'Anna de Vries', roles: ['medewerker'] },
};

export const me = (
  presence: MeResponse['state']['presence'] = 'offline',
  nawerkUntil?: string,
): MeResponse => ({
  user: { id: 'u-anna', username: 'anna', name: 'Anna de Vries', roles: ['medewerker'] },
  state: {
    presence,
    since: new Date(Date.now() - 60_000).toISOString(),
    ...(nawerkUntil ? { nawerkUntil } : {}),
  },
  queues: [
    {
      id: 'algemeen',
      name: 'Algemeen',
      channels: ['telefoon', 'chat', 'email'],
      priority: 1,
      servicenorm: { targetPercent: 80, withinSeconds: 30 },
      acceptTimeoutSeconds: 20,
      wrapUpSeconds: 60,
    },
  ],
});

export const PARTIJ_UUID = '3f2b8c1e-6a4d-4e8b-9c2f-1a2b3c4d5e6f';
export const PARTIJ2_UUID = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
export const AFDELING_UUID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

export const offerEvent = (overrides: Partial<ContactOfferedEvent> = {}): ContactOfferedEvent => ({
  offerId: 'offer-1',
  contact: {
    id: 'c-1',
    channel: 'telefoon',
    queue: 'algemeen',
    subject: 'Vraag over afvalpas',
    from: { phone: '+31612345678', name: 'Jan Jansen' },
    createdAt: new Date(Date.now() - 12_000).toISOString(),
  },
  expiresAt: new Date(Date.now() + 20_000).toISOString(),
  ...overrides,
});

export const contact = (overrides: Partial<Contact> = {}): Contact => ({
  id: 'c-1',
  externalId: 'ext-1',
  channel: 'telefoon',
  queue: 'algemeen',
  subject: 'Vraag over afvalpas',
  from: { phone: '+31612345678', name: 'Jan Jansen' },
  createdAt: new Date(Date.now() - 60_000).toISOString(),
  acceptedAt: new Date(Date.now() - 30_000).toISOString(),
  status: 'assigned',
  priority: 1,
  registrations: 0,
  ...overrides,
});

export const partij = (overrides: Partial<PartijView> = {}): PartijView => ({
  uuid: PARTIJ_UUID,
  soortPartij: 'persoon',
  naam: 'Jan Jansen',
  bsn: '999993653',
  digitaleAdressen: [
    {
      uuid: 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c51',
      soortDigitaalAdres: 'telefoonnummer',
      adres: '+31612345678',
      isStandaardAdres: true,
    },
    {
      uuid: 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c52',
      soortDigitaalAdres: 'email',
      adres: 'jan@example.nl',
      isStandaardAdres: false,
    },
  ],
  ...overrides,
});

export const klantbeeldKnown = (): ContactKlantbeeldResponse => ({
  herkenning: 'telefoon',
  identificatie: {
    niveau: 'geverifieerd',
    methode: 'verificatievragen',
    sinds: '2026-03-02T10:20:00+01:00',
    afgeschermd: [],
    verificatie: { mogelijk: false, reden: 'De klant is al geïdentificeerd.', pogingenOver: 3 },
  },
  partij: partij(),
  kandidaten: [],
  klantcontacten: [
    {
      uuid: 'c1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      kanaal: 'email',
      onderwerp: 'Parkeervergunning',
      inhoud: 'Hoe vraag ik een vergunning aan?',
      reactie: 'Via de website.',
      plaatsgevondenOp: '2026-03-02T10:15:00+01:00',
      gespreksresultaat: 'Zelfstandig afgehandeld',
    },
  ],
  openInterneTaken: [],
});

export const klantbeeldUnknown = (): ContactKlantbeeldResponse => ({
  herkenning: 'onbekend',
  identificatie: {
    niveau: 'onbekend',
    afgeschermd: ['identiteit', 'zaken', 'signalen'],
    verificatie: {
      mogelijk: false,
      reden: 'Zoek of koppel eerst de klant. Daarna kunt u verifiëren.',
      pogingenOver: 3,
    },
  },
  kandidaten: [],
  klantcontacten: [],
  openInterneTaken: [],
});

export const gespreksresultaten = {
  items: [
    { code: 'zelfstandig-afgehandeld', naam: 'Zelfstandig afgehandeld', actief: true },
    { code: 'doorverbonden-afdeling', naam: 'Doorverbonden naar afdeling', actief: true },
    { code: 'oud', naam: 'Oude waarde', actief: false },
  ],
};

export const afdelingen = { items: [{ actorUuid: AFDELING_UUID, naam: 'Burgerzaken' }] };

/** The REST routes a logged-in shell loads, with empty lists. */
const onderwerp = (id: string, naam: string, uplUri?: string) => ({
  id,
  naam,
  ...(uplUri ? { uplUri } : {}),
  actief: true,
  bron: uplUri ? 'kennisbank' : 'beheer',
  updatedAt: '2026-03-01T09:00:00.000Z',
});

/** The active onderwerpen of the managed list (GET /api/onderwerpen). */
export const onderwerpen = [
  onderwerp('0b1f5d36-8a44-4c0e-9a52-6f1d2e3c4b01', 'Afvalpas kwijt'),
  onderwerp(
    '0b1f5d36-8a44-4c0e-9a52-6f1d2e3c4b02',
    'Parkeervergunning',
    'http://standaarden.overheid.nl/owms/terms/parkeervergunning',
  ),
  onderwerp(
    '0b1f5d36-8a44-4c0e-9a52-6f1d2e3c4b03',
    'Paspoort',
    'http://standaarden.overheid.nl/owms/terms/paspoort',
  ),
  onderwerp(
    '0b1f5d36-8a44-4c0e-9a52-6f1d2e3c4b04',
    'Rijbewijs',
    'http://standaarden.overheid.nl/owms/terms/rijbewijs',
  ),
];

export function shellRoutes(overrides: Record<string, unknown> = {}) {
  return {
    'GET /api/me': { status: 200, body: me() },
    'GET /api/me/contacts': { status: 200, body: { items: [] } },
    'GET /api/me/offers': { status: 200, body: { items: [] } },
    'GET /api/internetaken': { status: 200, body: { afdelingen: [], items: [] } },
    'GET /api/queues/waiting': {
      status: 200,
      body: { items: [{ queue: 'algemeen', name: 'Algemeen', waiting: 2, longestWaitSeconds: 40 }] },
    },
    'GET /api/gespreksresultaten': { status: 200, body: gespreksresultaten },
    'GET /api/afdelingen': { status: 200, body: afdelingen },
    'GET /api/onderwerpen': { status: 200, body: { items: onderwerpen } },
    ...overrides,
  } as Record<string, { status: number; body?: unknown }>;
}
