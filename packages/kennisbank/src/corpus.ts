import type { KennisbankDocument } from './types';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** The UPL's audience names in the words of a municipality. */
const DOELGROEP: Record<string, string> = { burger: 'inwoner', bedrijf: 'ondernemer' };

/** Abbreviations in UPL names, as they are written. */
const ABBREVIATIONS: Record<string, string> = Object.fromEntries(
  [
    ...['adr', 'anw', 'aow', 'bag', 'biz', 'brp', 'bsn', 'eed', 'eu', 'ggo', 'ioaw', 'ioaz', 'oggz', 'ov'],
    ...['ozb', 'rni', 'vog', 'vos', 'vve', 'wia', 'wlz', 'wmo', 'woz', 'wsnp'],
  ]
    .map((a) => [a, a.toUpperCase()])
    .concat([
      ['digid', 'DigiD'],
      ['eherkenning', 'eHerkenning'],
    ]),
);

/** UPL names are lower case ("paspoort", "brp-uittreksel"); an agent reads a title ("Paspoort", "BRP-uittreksel"). */
export function capitalise(title: string): string {
  const written = title.replace(/\p{L}+/gu, (word) => ABBREVIATIONS[word] ?? word);
  return written.charAt(0).toLocaleUpperCase('nl') + written.slice(1);
}

/**
 * Maps one parsed line of the shipped kennisbank JSONL files to a document, or null when it lacks
 * the required fields. Source-specific metadata becomes keywords: VAC subjects, the Signalen main
 * category and departments, the UPL name of a product text, the department's tasks.
 */
export function toKennisbankDocument(raw: unknown): KennisbankDocument | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const item = raw as Record<string, unknown>;
  const id = optionalString(item.id);
  const type = optionalString(item.type);
  const title = optionalString(item.title);
  if (!id || !type || !title) return null;
  const keywords = [
    ...strings(item.keywords),
    ...strings(item.subjects),
    ...strings(item.departments),
    ...strings(item.taken),
    ...(optionalString(item.parent) ? [item.parent as string] : []),
    ...(optionalString(item.upl) ? [item.upl as string] : []),
  ];
  const doc: KennisbankDocument = {
    ...item,
    id,
    type,
    title: capitalise(title),
    body: typeof item.body === 'string' ? item.body : '',
  };
  const doelgroep = [...new Set(strings(item.audience).map((a) => DOELGROEP[a] ?? a))];
  if (doelgroep.length > 0) doc.doelgroep = doelgroep;
  const overheidslaag = strings(item.levels);
  if (overheidslaag.length > 0) doc.overheidslaag = overheidslaag;
  const url = optionalString(item.url);
  if (url) doc.url = url;
  else delete doc.url;
  if (keywords.length > 0) doc.keywords = [...new Set(keywords)];
  const validFrom = optionalString(item.validFrom) ?? optionalString(item.publishFrom);
  const validUntil = optionalString(item.validUntil) ?? optionalString(item.publishUntil);
  if (validFrom) doc.validFrom = validFrom;
  if (validUntil) doc.validUntil = validUntil;
  return doc;
}

/** Costs, how to apply and delivery time of a product, from the licensed sources (`assets/kennisbank/productinformatie.json`). */
export interface ProductInfo {
  kosten?: string;
  aanvragen?: string;
  levertijd?: string;
  /** ids of the corpus articles the text is taken from */
  bronnen?: string[];
}

const PRODUCT_INFO_LABELS: [keyof ProductInfo, string][] = [
  ['kosten', 'Kosten'],
  ['aanvragen', 'Aanvragen'],
  ['levertijd', 'Levertijd'],
];

/**
 * The product's answer text in front of its UPL metadata: "Kosten: …", "Aanvragen: …", "Levertijd: …" as
 * paragraphs, so an agent can answer from the product itself. A document without info is returned unchanged.
 */
export function withProductInfo(doc: KennisbankDocument, info: ProductInfo | undefined): KennisbankDocument {
  if (!info) return doc;
  const parts = PRODUCT_INFO_LABELS.filter(([key]) => typeof info[key] === 'string' && info[key] !== '').map(
    ([key, label]) => `${label}: ${String(info[key])}`,
  );
  if (parts.length === 0) return doc;
  const sources = info.bronnen && info.bronnen.length > 0 ? [`Bron: ${info.bronnen.join(', ')}`] : [];
  return { ...doc, body: [...parts, ...sources, doc.body].filter((p) => p !== '').join('\n\n') };
}

/**
 * The words residents and agents use for an article (`assets/kennisbank/zoektermen.json`, in the manner of the
 * Samenwerkende Catalogi's synonyms per product) added to its keywords, so "kliko" finds the product
 * "afvalcontainer" without a query-side synonym. A document without terms is returned unchanged.
 */
export function withZoektermen(
  doc: KennisbankDocument,
  terms: readonly string[] | undefined,
): KennisbankDocument {
  const added = (terms ?? []).filter((t) => typeof t === 'string' && t.trim() !== '');
  if (added.length === 0) return doc;
  return { ...doc, keywords: [...new Set([...(doc.keywords ?? []), ...added])] };
}
