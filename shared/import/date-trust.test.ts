import { describe, expect, it } from 'vitest';
import { dateWarningFor, latestYearMentioned } from './date-trust.js';

describe('dateWarningFor', () => {
  it('trusts a date no later than the years the text mentions', () => {
    expect(dateWarningFor('2021-04-20', 'The 2021 Emilia Romagna GP.')).toBeNull();
    expect(dateWarningFor('2021-04-20', 'No year at all.')).toBeNull();
    expect(dateWarningFor(null, 'The 2021 race.')).toBeNull();
    expect(dateWarningFor('April 2021', 'The 2019 race.')).toBeNull();
  });

  it('warns about a date later than every year the text mentions', () => {
    expect(dateWarningFor('2024-03-05', 'The 2021 race, after the 2020 one.')).toBe('given as 2024-03-05, but the text mentions no year after 2021');
  });

  it('warns about January 1st, and says both when both hold', () => {
    expect(dateWarningFor('2021-01-01', 'The 2021 race.')).toBe('given as 2021-01-01, but January 1st is often a placeholder');
    expect(dateWarningFor('2024-01-01', ' date 2024-01-01 The 2021 race.')).toBe(
      'given as 2024-01-01, but the text mentions no year after 2021; January 1st is often a placeholder',
    );
  });

  it('warns about dates that are not on the calendar', () => {
    expect(dateWarningFor('2021-02-29', 'x')).toBe('given as 2021-02-29, which is not a calendar date');
    expect(dateWarningFor('2020-02-29', 'x')).toBeNull();
    expect(dateWarningFor('2021-13-01', 'x')).toMatch(/not a calendar date/);
  });
});

describe('latestYearMentioned', () => {
  it('reads plausible years only, as whole numbers', () => {
    expect(latestYearMentioned('In 1998 and 2015, not 12021 nor 2030.5 nor 3,2050, but (2023).')).toBe(2023);
    expect(latestYearMentioned('P8 on lap 32, 1500 metres')).toBeNull();
  });
});
