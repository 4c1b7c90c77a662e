/** A short Dutch stopword list: function words only, so content words like "geen" or "niet" stay searchable. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'de', 'het', 'een', 'en', 'van', 'in', 'op', 'te', 'ten', 'ter', 'is', 'dat', 'die', 'dit', 'deze', 'der', 'des',
  'voor', 'met', 'aan', 'om', 'bij', 'als', 'of', 'er', 'ik', 'je', 'jij', 'u', 'uw', 'mijn', 'mij', 'me', 'zijn',
  'was', 'ben', 'wordt', 'worden', 'werd', 'heb', 'hebt', 'heeft', 'hebben', 'had', 'kan', 'kun', 'kunt', 'kunnen',
  'wil', 'wilt', 'willen', 'ze', 'zij', 'hij', 'we', 'wij', 'ons', 'onze', 'hun', 'hem', 'haar', 'naar', 'uit',
  'tot', 'over', 'door', 'dan', 'ook', 'nog', 'al', 'wel', 'maar', 'zo', 'hoe', 'wat', 'wie', 'waar', 'welke',
  'wanneer', 'waarom', 'moet', 'moeten', 'mag', 'mogen', 'graag', 'even', 'eens', 'iets', 'er', 'daar', 'hier',
]);
