import { DATE_PREFIX } from './article-metadata.js';

/** Four-digit years an article plausibly mentions (1900–2099), as whole words. */
const YEAR = /(?<![\d.,])(19\d\d|20\d\d)(?!\d)(?![.,]\d)/g;

/**
 * Why an article's given date should not be trusted as is, or null when nothing is wrong with it.
 * The date is kept as given; this only warns. It warns when the date's year is later than every
 * year the text mentions (an article about the 2021 race dated 2024), when the date is January 1st
 * (a common placeholder), and when it is not a calendar date at all.
 */
export function dateWarningFor(date: string | null, text: string): string | null {
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
  const latest = latestYearMentioned(text.replace(DATE_PREFIX, ' '));
  if (latest !== null && year > latest) problems.push(`the text mentions no year after ${latest}`);
  if (month === 1 && day === 1) problems.push('January 1st is often a placeholder');
  if (problems.length === 0) return null;
  return `given as ${date}, but ${problems.join('; ')}`;
}

/** The latest plausible year written in `text`, or null when it mentions none. */
export function latestYearMentioned(text: string): number | null {
  let latest: number | null = null;
  for (const match of text.matchAll(YEAR)) {
    const year = Number(match[1]);
    if (latest === null || year > latest) latest = year;
  }
  return latest;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
