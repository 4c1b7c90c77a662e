import { ARTICLE_TYPE_LABELS, ARTICLE_TYPES, type ArticleType } from '@kcc/contracts/kennisbank';

export function isArticleType(value: string): value is ArticleType {
  return (ARTICLE_TYPES as readonly string[]).includes(value);
}

/** The Dutch label of a content type; an unknown type (newer server) is shown as it is. */
export function typeLabel(type: string): string {
  return isArticleType(type) ? ARTICLE_TYPE_LABELS[type] : type;
}

const SOURCE_LABELS: Record<string, string> = {
  upl: 'Uniforme Productnamenlijst (UPL)',
  'rijksoverheid-vac': 'Rijksoverheid, vraag-antwoordcombinaties',
  'amsterdam-signals': 'Meldingcategorieën van Signalen (gemeente Amsterdam)',
  'kcc-seed': 'Eigen kennisbank (voorbeeldinhoud)',
};

/** A readable name for where seeded content came from; unknown codes are shown as they are. */
export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}
