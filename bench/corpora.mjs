// The corpora and the query lists of the side-by-side search benchmark (see docs/benchmarks.md).
// Corpora are read from ../shared/corpus beside the repository at run time and never copied
// into the repository: the 1TV data is third-party news, usable as internal test data only.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = process.env.ARCHIVE_SHARED ?? path.resolve(ROOT, '..', 'shared');
export const DATA_DIR = path.join(ROOT, 'target', 'bench-data');

/** name → where it comes from and which query list it uses. */
export const CORPORA = [
  { name: 'reuters', label: 'Reuters-21578 (EN, 21,578)', lang: 'en',
    file: 'corpus/reuters-21578/articles.jsonl.gz' },
  { name: '1tv-2022', label: '1TV 2022 (RU, 5,437)', lang: 'ru',
    file: 'corpus/1tv-news-and-ru-state-media-index/1tv_news_2022.jsonl.gz' },
  { name: '1tv-all', label: '1TV 2000–2026 (RU, 144,944)', lang: 'ru',
    file: 'corpus/1tv-news-and-ru-state-media-index/1tv_news.jsonl.gz' },
];

// English queries, for latency: words (all must match), a phrase and a prefix.
export const QUERIES_EN = [
  'oil', 'oil prices', 'cocoa', 'interest rates', 'trade deficit', 'opec', 'wheat exports',
  'takeover bid', '"money supply"', 'export*', 'dollar yen', 'japan', 'merger', 'earnings per share',
  'crude', 'coffee quota', 'federal reserve', 'strike', 'shipping', 'gold', 'bank england', 'inflation',
];

// Russian inflection labels: a lemma and every case form of it (folded: lower case, ё→е).
// An article is relevant to a query of this lemma when its title or body contains any form.
export const LEMMAS = {
  учение: ['учение', 'учения', 'учений', 'учению', 'учением', 'учении', 'учениям', 'учениями', 'учениях'],
  выборы: ['выборы', 'выборов', 'выборам', 'выборами', 'выборах'],
  президент: ['президент', 'президента', 'президенту', 'президентом', 'президенте', 'президенты',
    'президентов', 'президентам', 'президентами', 'президентах'],
  санкция: ['санкция', 'санкции', 'санкций', 'санкцию', 'санкцией', 'санкциею', 'санкциям', 'санкциями',
    'санкциях'],
  переговоры: ['переговоры', 'переговоров', 'переговорам', 'переговорами', 'переговорах'],
  страна: ['страна', 'страны', 'стране', 'страну', 'страной', 'страною', 'стран', 'странам', 'странами',
    'странах'],
  ученый: ['ученый', 'ученого', 'ученому', 'ученым', 'ученом', 'ученые', 'ученых', 'учеными'],
  заседание: ['заседание', 'заседания', 'заседаний', 'заседанию', 'заседанием', 'заседании', 'заседаниям',
    'заседаниями', 'заседаниях'],
  вакцина: ['вакцина', 'вакцины', 'вакцине', 'вакцину', 'вакциной', 'вакциною', 'вакцин', 'вакцинам',
    'вакцинами', 'вакцинах'],
};

// Russian queries: inflected forms of the lemmas above (labelled), a phrase, a prefix, two words.
export const QUERIES_RU = [
  ['учения', 'учение'], ['учениях', 'учение'], ['учений', 'учение'],
  ['выборы', 'выборы'], ['выборах', 'выборы'],
  ['президент', 'президент'], ['президента', 'президент'], ['президентом', 'президент'],
  ['санкции', 'санкция'], ['санкциях', 'санкция'],
  ['переговоры', 'переговоры'], ['переговорах', 'переговоры'],
  ['страны', 'страна'], ['странах', 'страна'],
  ['ученые', 'ученый'], ['учёных', 'ученый'],
  ['заседании', 'заседание'],
  ['вакцины', 'вакцина'], ['вакцину', 'вакцина'],
  ['"специальной военной операции"', null], ['мобилиз*', null], ['путин москва', null],
].map(([q, lemma]) => ({ q, lemma }));

export function queriesFor(lang) {
  return lang === 'ru' ? QUERIES_RU : QUERIES_EN.map((q) => ({ q, lemma: null }));
}

/** The relevance labels' rules (LEMMAS, `foldedWords`): part of the labels' file name, so a
 * change makes prepare.mjs label the corpora again. 2: look-alike letters unmixed. */
export const LABELS_VERSION = 2;

/** The labels' file of a corpus, in DATA_DIR. */
export const labelsFile = (name) => `${name}.labels.v${LABELS_VERSION}.json`;

// Latin letters and the Cyrillic letters they look like (archive-core's analyze.rs LOOK_ALIKES).
const LATIN = 'abcehkmoptxy';
const CYRILLIC = 'авсенкмортху';

/**
 * A word as a reader sees it: one that mixes Latin and Cyrillic look-alike letters written
 * wholly in one script, as analyze.rs `unmix` writes it (1TV writes `учeные` with a Latin `e`
 * in 104 articles; they are about scientists).
 */
function unmixed(word) {
  if (!/[a-z]/.test(word) || !/[а-я]/.test(word)) return word;
  const swap = (from, to, inFrom) => [...word].map((c) => (inFrom(c) ? to[from.indexOf(c)] : c)).join('');
  const latin = [...word].filter((c) => c >= 'a' && c <= 'z');
  if (latin.every((c) => LATIN.includes(c))) return swap(LATIN, CYRILLIC, (c) => c >= 'a' && c <= 'z');
  const cyrillic = [...word].filter((c) => /[\u0400-\u04FF]/.test(c));
  if (cyrillic.every((c) => CYRILLIC.includes(c))) return swap(CYRILLIC, LATIN, (c) => /[\u0400-\u04FF]/.test(c));
  return word;
}

/**
 * Folded words of a text, for the relevance labels: lower case, ё→е, runs of letters/digits,
 * look-alike letters unmixed.
 */
export function foldedWords(text) {
  return (text.toLowerCase().replaceAll('ё', 'е').match(/[\p{L}\p{N}]+/gu) ?? []).map(unmixed);
}
