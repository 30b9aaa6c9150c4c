import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datePrefixOf } from './article-metadata.js';
import { dateWarningFor, laterYearToldAsPast } from './date-trust.js';

const TODAY = '2025-06-01';

describe('dateWarningFor', () => {
  it('trusts a date later than every year the text mentions: news looks back', () => {
    expect(dateWarningFor('2021-04-20', 'The 2021 Emilia Romagna GP.', TODAY)).toBeNull();
    expect(dateWarningFor('2021-04-20', 'No year at all.', TODAY)).toBeNull();
    expect(dateWarningFor('2024-03-05', 'The 2021 race, after the 2020 one.', TODAY)).toBeNull();
    expect(dateWarningFor(null, 'The 2021 race.', TODAY)).toBeNull();
    expect(dateWarningFor('April 2021', 'The 2019 race.', TODAY)).toBeNull();
  });

  it('trusts the date of seed 003, which recalls "the Verstappen move of 2015"', () => {
    const seeds = new URL('../../fixtures/seeds/', import.meta.url);
    const name = readdirSync(seeds).find((f) => f.startsWith('003_'))!;
    const text = readFileSync(new URL(name, seeds), 'utf8');
    expect(datePrefixOf(text)).toBe('2021-04-20');
    expect(dateWarningFor('2021-04-20', text, TODAY)).toBeNull();
  });

  it('trusts a later year the text looks ahead to', () => {
    expect(dateWarningFor('2021-04-20', 'He will race for Mercedes in 2022.', TODAY)).toBeNull();
    expect(dateWarningFor('2021-04-20', 'His contract runs until 2024, the team confirmed.', TODAY)).toBeNull();
    expect(dateWarningFor('2021-04-20', 'The 2026 rules are expected to change everything.', TODAY)).toBeNull();
  });

  it('warns when the text tells of a later year as past', () => {
    expect(dateWarningFor('2021-04-20', 'The 2021 race. In 2023 he won the title.', TODAY)).toBe('given as 2021-04-20, but the text tells of 2023 as past');
  });

  it('warns about a date in the future, with a day to spare for time zones', () => {
    expect(dateWarningFor('2025-06-02', 'The 2025 race.', TODAY)).toBeNull();
    expect(dateWarningFor('2025-06-03', 'The 2025 race.', TODAY)).toBe('given as 2025-06-03, but that is in the future');
  });

  it('warns about January 1st, and says both when both hold', () => {
    expect(dateWarningFor('2021-01-01', 'The 2021 race.', TODAY)).toBe('given as 2021-01-01, but January 1st is often a placeholder');
    expect(dateWarningFor('2030-01-01', ' date 2030-01-01 The 2021 race.', TODAY)).toBe(
      'given as 2030-01-01, but that is in the future; January 1st is often a placeholder',
    );
  });

  it('warns about dates that are not on the calendar', () => {
    expect(dateWarningFor('2021-02-29', 'x', TODAY)).toBe('given as 2021-02-29, which is not a calendar date');
    expect(dateWarningFor('2020-02-29', 'x', TODAY)).toBeNull();
    expect(dateWarningFor('2021-13-01', 'x', TODAY)).toMatch(/not a calendar date/);
  });
});

describe('laterYearToldAsPast', () => {
  it('reads plausible years only, as whole numbers, in sentences telling of the past', () => {
    expect(laterYearToldAsPast('It was 12021, then 2030.5 and 3,2050 passed.', 2020)).toBeNull();
    expect(laterYearToldAsPast('It was 2019. Then (2023) it happened.', 2020)).toBe(2023);
    expect(laterYearToldAsPast('P8 on lap 32, 1500 metres were covered.', 2020)).toBeNull();
  });
});
