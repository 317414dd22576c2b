import { describe, expect, it } from 'vitest';
import { countOf, formatDuration, itemCounts } from '../../../src/browser/format.ts';

describe('numbers as learners read them', () => {
  it('writes hours and minutes without a padded zero', () => {
    expect(formatDuration(3 * 3600 + 60)).toBe('3 h 1 min');
    expect(formatDuration(2 * 3600)).toBe('2 h');
    expect(formatDuration(12 * 60 + 10)).toBe('12 min');
    expect(formatDuration(25)).toBe('25 s');
    expect(formatDuration(45)).toBe('1 min');
    expect(formatDuration(0)).toBe('');
  });

  it('makes the noun agree with its count', () => {
    expect(countOf(1, 'chapter')).toBe('1 chapter');
    expect(countOf(2, 'chapter')).toBe('2 chapters');
    expect(itemCounts(['video', 'text', 'quiz', 'assignment', 'resource'])).toBe('1 video · 1 reading · 1 quiz · 1 assignment · 1 resource');
    expect(itemCounts(['quiz', 'text', 'quiz', 'video'])).toBe('1 video · 1 reading · 2 quizzes');
  });
});
