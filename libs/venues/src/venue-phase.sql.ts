import { VenuePhase } from './venues.states';

/**
 * The phase of a venue as SQL, from its timeline and the database clock, so every server instance
 * agrees and nothing stored goes stale. Each phase ends at one column of the timeline
 * (recruitmentOpensAt < recruitmentClosesAt <= submissionDeadline <= goLiveAt < endsAt, a CHECK
 * constraint): UPCOMING ends at recruitment_opens_at, RECRUITING at recruitment_closes_at, ...
 */
const PHASES: readonly VenuePhase[] = [
  VenuePhase.UPCOMING,
  VenuePhase.RECRUITING,
  VenuePhase.DOCKING,
  VenuePhase.CURATING,
  VenuePhase.LIVE,
  VenuePhase.ENDED,
];
const PHASE_ENDS = [
  'recruitment_opens_at',
  'recruitment_closes_at',
  'submission_deadline',
  'go_live_at',
  'ends_at',
];

/**
 * Reads use the statement's clock (one instant for every row of a list, fresh for each statement of
 * a transaction); rules that act on a deadline use `clock_timestamp()` inside their conditional write.
 */
export const READ_CLOCK = 'statement_timestamp()';

/** `CASE ... END` naming the phase of the venue row `alias` at `clock`. */
export function venuePhaseSql(alias: string, clock = READ_CLOCK): string {
  const branches = PHASE_ENDS.map(
    (column, index) => `WHEN ${clock} < ${alias}."${column}" THEN '${PHASES[index]}'`,
  );
  return `CASE ${branches.join(' ')} ELSE '${VenuePhase.ENDED}' END`;
}

/** A condition true when the venue row `alias` is in `phase` at `clock`: ranges on the timeline columns. */
export function venueInPhaseSql(alias: string, phase: VenuePhase, clock = READ_CLOCK): string {
  const index = PHASES.indexOf(phase);
  const conditions: string[] = [];
  if (index > 0) conditions.push(`${clock} >= ${alias}."${PHASE_ENDS[index - 1]}"`);
  if (index < PHASE_ENDS.length) conditions.push(`${clock} < ${alias}."${PHASE_ENDS[index]}"`);
  return `(${conditions.join(' AND ')})`;
}
