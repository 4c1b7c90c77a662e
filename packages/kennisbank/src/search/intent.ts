import { dutchStem } from '../analysis/dutch-stemmer';

/**
 * Query words that reveal what kind of answer an agent is after. A document of a matching type gets
 * its score multiplied by `boost`. Words are matched by Snowball stem, so "aanvragen"/"aanvraag" both count.
 */
export interface IntentRule {
  name: string;
  words: readonly string[];
  types: readonly string[];
  boost: number;
}

export const INTENT_RULES: readonly IntentRule[] = [
  {
    name: 'product',
    words: [
      'hoe',
      'aanvragen',
      'aanvraag',
      'kwijt',
      'verloren',
      'gestolen',
      'kosten',
      'kost',
      'verlengen',
      'nodig',
      'regelen',
      'geldig',
      'krijgen',
      'vervangen',
      'ophalen',
      'wanneer',
    ],
    types: ['vac', 'product', 'producttekst'],
    boost: 1.25,
  },
  {
    name: 'melding',
    words: [
      'melding',
      'melden',
      'kapot',
      'stuk',
      'overlast',
      'vol',
      'defect',
      'gevaarlijk',
      'losliggend',
      'lekt',
      'storing',
      'gedumpt',
      'dumpen',
      'ligt',
    ],
    types: ['meldingcategorie'],
    boost: 1.3,
  },
  {
    name: 'afdeling',
    words: [
      'wie',
      'afdeling',
      'doorverbinden',
      'telefoonnummer',
      'bereikbaar',
      'team',
      'verantwoordelijk',
      'behandelt',
      'doet',
    ],
    types: ['afdeling'],
    boost: 1.8,
  },
  {
    name: 'werkinstructie',
    words: ['werkinstructie', 'instructie', 'procedure', 'uitvragen', 'doorverbinden', 'script', 'protocol'],
    types: ['werkinstructie'],
    boost: 1.3,
  },
];

/** Types boosted for every query: the workplace serves agents, so internal instructions come first. */
export const BASE_TYPE_BOOST: Readonly<Record<string, number>> = { werkinstructie: 1.1 };

const stemmedRules = INTENT_RULES.map((rule) => ({
  ...rule,
  stems: new Set(rule.words.map((w) => dutchStem(w))),
}));

/** Score multiplier per type for a query, given its folded words (stopwords included). */
export function typeBoosts(queryWords: readonly string[]): Map<string, number> {
  const boosts = new Map<string, number>(Object.entries(BASE_TYPE_BOOST));
  const stems = new Set(queryWords.map((w) => dutchStem(w)));
  for (const rule of stemmedRules) {
    if (![...rule.stems].some((s) => stems.has(s))) continue;
    for (const type of rule.types) boosts.set(type, Math.max(boosts.get(type) ?? 1, 1) * rule.boost);
  }
  return boosts;
}
