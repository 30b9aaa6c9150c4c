import { DATE_PREFIX } from './article-metadata.js';

/** Four-digit years an article plausibly mentions (1900–2099), as whole words. */
const YEAR = /(?<![\d.,])(19\d\d|20\d\d)(?!\d)(?![.,]\d)/g;

/** Words that make a sentence look ahead (plans, forecasts, contracts), so a later year in it is no contradiction. */
const LOOKS_AHEAD =
  /\b(will|would|shall|could|may|might|going to|next|upcoming|future|plans?|planned|expects?|expected|scheduled|set to|due|until|till|from|through|aims?|targets?|hopes?|intends?|projected|forecast|contract|deal|extension|runs?|ahead)\b/i;

/** Past-tense verbs: a sentence with one of these tells of something that already happened. */
const TELLS_OF_PAST =
  /\b(was|were|had|did|won|lost|took|came|became|went|saw|made|gave|began|fell|left|beat|ran|met|held|led|\w{3,}ed)\b/i;

/**
 * Why an article's given date should not be trusted as is, or null when nothing is wrong with it.
 * The date is kept as given; this only warns, and only where the date contradicts something: it
 * is not a calendar date, it is in the future (later than `today`, `YYYY-MM-DD`, by more than a day
 * so time zones never count), or the text tells of a later year as past (an article dated 2021
 * saying "in 2024 he won"). A date later than every year the text mentions is normal for news and
 * no reason to warn. January 1st is warned about too: it is the common placeholder for "unknown".
 */
export function dateWarningFor(date: string | null, text: string, today: string = new Date().toISOString().slice(0, 10)): string | null {
  if (date === null) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!iso) return null;
  const year = Number(iso[1]);
  const month = Number(iso[2]);
  const day = Number(iso[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return `given as ${date}, which is not a calendar date`;
  }
  const problems: string[] = [];
  const body = text.replace(DATE_PREFIX, ' ');
  if (Date.parse(date) - Date.parse(today) > DAY_MS) problems.push('that is in the future');
  else {
    const past = laterYearToldAsPast(body, year);
    if (past !== null) problems.push(`the text tells of ${past} as past`);
  }
  if (month === 1 && day === 1) problems.push('January 1st is often a placeholder');
  if (problems.length === 0) return null;
  return `given as ${date}, but ${problems.join('; ')}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The first year after `year` that `text` mentions in a sentence telling of the past (a past-tense
 * verb, nothing looking ahead), or null when there is none.
 */
export function laterYearToldAsPast(text: string, year: number): number | null {
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    if (LOOKS_AHEAD.test(sentence) || !TELLS_OF_PAST.test(sentence)) continue;
    for (const match of sentence.matchAll(YEAR)) {
      const mentioned = Number(match[1]);
      if (mentioned > year) return mentioned;
    }
  }
  return null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
