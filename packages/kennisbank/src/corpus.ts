import type { KennisbankDocument } from './types';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

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
    title,
    body: typeof item.body === 'string' ? item.body : '',
  };
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
