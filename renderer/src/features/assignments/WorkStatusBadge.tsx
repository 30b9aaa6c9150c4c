import { WORK_STATUS_NAMES, type WorkStatus } from '../../../../shared/model/assignment.js';
import './assignments.css';

/**
 * A status as a small badge with its name (never colour alone): "Done" with a tick, "In progress",
 * "Not started". `quiet` leaves "Not started" out (the article list shows it only for my own work).
 */
export function WorkStatusBadge({ status, quiet = false }: { status: WorkStatus; quiet?: boolean }) {
  if (quiet && status === 'not-started') return null;
  return (
    <span className={`work-status work-status-${status}`}>
      {status === 'done' && <span aria-hidden="true">✓ </span>}
      {WORK_STATUS_NAMES[status]}
    </span>
  );
}
