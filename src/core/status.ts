import type { SubmissionStatus } from './domain.ts';

/**
 * The caseworker status workflow: eingegangen → in Bearbeitung → abgeschlossen, and reopening a
 * completed case. Stored as stable codes; labels are translated in the web layer.
 */
const TRANSITIONS: Record<SubmissionStatus, readonly SubmissionStatus[]> = {
  received: ['in_progress'],
  in_progress: ['completed', 'received'],
  completed: ['in_progress'],
};

export function allowedTransitions(from: SubmissionStatus): readonly SubmissionStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: SubmissionStatus, to: SubmissionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isSubmissionStatus(value: unknown): value is SubmissionStatus {
  return value === 'received' || value === 'in_progress' || value === 'completed';
}
