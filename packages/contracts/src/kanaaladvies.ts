import { z } from 'zod';
import type { Channel } from './domain';

/**
 * Kinds of channel the kanalenmatrix speaks of. Its texts are free ("website (online aanvragen met DigiD)",
 * "telefoon (14 + netnummer)"); the kind is what a contact's channel is compared with.
 */
export const KANAAL_SOORTEN = ['website', 'telefoon', 'email', 'chat', 'balie', 'post', 'anders'] as const;
export const KanaalSoort = z.enum(KANAAL_SOORTEN);
export type KanaalSoort = z.infer<typeof KanaalSoort>;

export const KANAAL_SOORT_LABELS: Record<KanaalSoort, string> = {
  website: 'Website',
  telefoon: 'Telefoon',
  email: 'E-mail',
  chat: 'Chat',
  balie: 'Balie',
  post: 'Post',
  anders: 'Anders',
};

export const DOELGROEPEN = ['inwoner', 'ondernemer', 'beide'] as const;
export const Doelgroep = z.enum(DOELGROEPEN);
export type Doelgroep = z.infer<typeof Doelgroep>;

/** The kind of channel a kanalenmatrix text names, from its first words. */
export function kanaalSoort(tekst: string): KanaalSoort {
  const t = tekst.trim().toLowerCase();
  if (/^(telefo|bel\b|14\b)/.test(t)) return 'telefoon';
  if (/^balie|^loket|^stadswinkel/.test(t)) return 'balie';
  if (/^post\b|^brief/.test(t)) return 'post';
  if (/^e-?mail/.test(t)) return 'email';
  if (/^chat/.test(t)) return 'chat';
  if (/^(website|omgevingsloket|online|mijn\b|digid|app\b)|\bapp\b|\bonline\b/.test(t)) return 'website';
  return 'anders';
}

/** The kind of channel a contact came in through: a web form is the website, a callback request the phone. */
export function kanaalSoortVan(channel: Channel): KanaalSoort {
  switch (channel) {
    case 'telefoon':
    case 'terugbelverzoek':
      return 'telefoon';
    case 'webformulier':
      return 'website';
    case 'email':
      return 'email';
    case 'chat':
      return 'chat';
    case 'balie':
      return 'balie';
    case 'social':
      return 'anders';
  }
}

export interface KanaalVoorAdvies {
  primair: string;
  secundair: string;
  doelgroep?: Doelgroep;
  nietVia?: readonly KanaalSoort[];
}

export interface Kanaaladvies {
  /** The channel to point the resident to; absent when they already use it. */
  wijsOp?: string;
  /** The fallback, absent when it is the channel the resident is using now. */
  anders?: string;
  /** The resident already uses the primary channel: nothing to point to. */
  alViaPrimair: boolean;
  /** The product cannot be handled through the channel the resident is using now. */
  nietViaHuidig: boolean;
  /** One sentence for the agent (Dutch, B1). */
  tekst: string;
}

/**
 * What the agent tells the resident about channels, given the channel of the contact: never to use the channel
 * they are using now ("bel 14 …" to a caller), and a warning when the product cannot be done through it.
 */
export function kanaaladvies(kanaal: KanaalVoorAdvies, huidig: Channel | undefined): Kanaaladvies {
  const nu = huidig !== undefined ? kanaalSoortVan(huidig) : undefined;
  const primairSoort = kanaalSoort(kanaal.primair);
  const alViaPrimair = nu !== undefined && nu === primairSoort;
  const nietViaHuidig = nu !== undefined && (kanaal.nietVia ?? []).includes(nu);
  const anders = nu !== undefined && kanaalSoort(kanaal.secundair) === nu ? undefined : kanaal.secundair;
  if (alViaPrimair) {
    return {
      alViaPrimair,
      nietViaHuidig,
      ...(anders !== undefined ? { anders } : {}),
      tekst: 'De klant gebruikt al het beste kanaal voor dit product.',
    };
  }
  const tekst = nietViaHuidig
    ? `Dit kan niet via ${KANAAL_SOORT_LABELS[nu ?? 'anders'].toLowerCase()}. Wijs op: ${kanaal.primair}.`
    : `Wijs op: ${kanaal.primair}.`;
  return {
    wijsOp: kanaal.primair,
    ...(anders !== undefined ? { anders } : {}),
    alViaPrimair,
    nietViaHuidig,
    tekst,
  };
}
