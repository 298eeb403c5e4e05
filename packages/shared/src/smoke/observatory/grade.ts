/**
 * Mozilla HTTP Observatory's scoring: every site starts at 100; penalties are subtracted; if the
 * result is still 90 (an A) or more, the bonuses are added; the score never goes below 0; the
 * grade comes from the score rounded down to a multiple of 5, capped at 100.
 *
 * Source: MDN HTTP Observatory "Tests & Scoring" (https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring)
 * and its implementation, mdn/mdn-http-observatory src/grader/charts.js (GRADE_CHART,
 * MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90) and src/scanner/index.js (two-round scoring).
 */
export const GRADES = ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F'] as const;
export type Grade = (typeof GRADES)[number];

const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

/** Lowest score of each grade, per the grading chart. */
const GRADE_FLOORS: [number, Grade][] = [
  [100, 'A+'], [90, 'A'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'], [60, 'C+'],
  [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'], [0, 'F'],
];

export function scoreOf(modifiers: number[]): number {
  const penalties = modifiers.filter((m) => m < 0).reduce((sum, m) => sum + m, 0);
  const bonuses = modifiers.filter((m) => m > 0).reduce((sum, m) => sum + m, 0);
  const uncurved = 100 + penalties;
  return Math.max(0, uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? uncurved + bonuses : uncurved);
}

export function gradeOf(score: number): Grade {
  const rounded = Math.min(100, score - (score % 5));
  return GRADE_FLOORS.find(([floor]) => rounded >= floor)![1];
}

/** A+ is 0, F is 12: lower is better. */
export function gradeRank(grade: Grade): number {
  return GRADES.indexOf(grade);
}

export function meetsGrade(actual: Grade, minimum: Grade): boolean {
  return gradeRank(actual) <= gradeRank(minimum);
}
