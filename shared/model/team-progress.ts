import type { WorkStatus } from './assignment.js';

/** One document's assignees and each annotator's progress with it (the shape of a team overview row). */
export interface ProgressRow {
  assignees: readonly string[];
  /** One entry per annotator, in the overview's order. */
  progress: readonly { annotator: string; status: WorkStatus; annotations: number }[];
}

/** One annotator's totals over a team overview's rows. */
export interface ProgressTotals {
  annotator: string;
  /** Documents assigned to them. */
  assigned: number;
  /** Of those, how many they marked done, and in progress. */
  assignedDone: number;
  assignedInProgress: number;
  /** Documents they marked done, assigned or not. */
  done: number;
  /** Annotations in their layer, over every document. */
  annotations: number;
}

/** Each annotator's totals (in the order of `annotators`, which is the order of each row's `progress`). */
export function progressTotals(annotators: readonly string[], rows: readonly ProgressRow[]): ProgressTotals[] {
  return annotators.map((annotator, column) => {
    const totals: ProgressTotals = { annotator, assigned: 0, assignedDone: 0, assignedInProgress: 0, done: 0, annotations: 0 };
    for (const row of rows) {
      const progress = row.progress[column]!;
      totals.annotations += progress.annotations;
      if (progress.status === 'done') totals.done++;
      if (!row.assignees.includes(annotator)) continue;
      totals.assigned++;
      if (progress.status === 'done') totals.assignedDone++;
      if (progress.status === 'in-progress') totals.assignedInProgress++;
    }
    return totals;
  });
}
