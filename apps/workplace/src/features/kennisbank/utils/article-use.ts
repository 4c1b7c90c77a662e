import type { KanaalSoort } from '@kcc/contracts/kanaaladvies';
import type { Article } from '@kcc/contracts/kennisbank';
import { toPlainText } from './light-markdown';

/** What "Gebruik in antwoord" hands to the contact: the answer text, the source and the product's channels. */
export interface ArticleUse {
  answer: string;
  bron: { id: string; title: string };
  /** Set when the article is about a product in the kanalenmatrix ("Wijs op: …"). */
  kanaal?: { product: string; primair: string; secundair: string; nietVia?: KanaalSoort[] };
}

/**
 * The product an article is about: its explicit link, or the UPL name for a product item (the kanalenmatrix
 * key is the lower-case UPL name; the title is capitalised for reading: "Paspoort", "BRP-uittreksel").
 */
export function productOf(article: Article): string | undefined {
  return article.product ?? (article.type === 'product' ? article.title.toLowerCase() : undefined);
}

export function articleUse(article: Article): ArticleUse {
  const body = toPlainText(article.body).trim();
  const product = productOf(article);
  return {
    answer: body === '' ? article.title : body,
    bron: { id: article.id, title: article.title.slice(0, 300) },
    ...(article.kanaal && product
      ? {
          kanaal: {
            product,
            primair: article.kanaal.primair,
            secundair: article.kanaal.secundair,
            ...(article.kanaal.nietVia ? { nietVia: article.kanaal.nietVia } : {}),
          },
        }
      : {}),
  };
}
