import { MatchmakingPhase } from './matchmaking.states';

/**
 * The phase of a session as SQL, from its timeline and the database clock, so every server instance
 * agrees and nothing stored goes stale: UPCOMING until signup_opens_at, SIGNUP until
 * matching_starts_at, MATCHING until ends_at, then CLOSED (the timeline's order is a CHECK constraint).
 */
const PHASES: readonly MatchmakingPhase[] = [
  MatchmakingPhase.UPCOMING,
  MatchmakingPhase.SIGNUP,
  MatchmakingPhase.MATCHING,
  MatchmakingPhase.CLOSED,
];
const PHASE_ENDS = ['signup_opens_at', 'matching_starts_at', 'ends_at'];

/** Reads use the statement's clock: one instant for every row of a list. */
const READ_CLOCK = 'statement_timestamp()';

/** `CASE ... END` naming the phase of the session row `alias` at `clock`. */
export function sessionPhaseSql(alias: string, clock = READ_CLOCK): string {
  const branches = PHASE_ENDS.map(
    (column, index) => `WHEN ${clock} < ${alias}."${column}" THEN '${PHASES[index]}'`,
  );
  return `CASE ${branches.join(' ')} ELSE '${MatchmakingPhase.CLOSED}' END`;
}

/** A condition true when the session row `alias` is in `phase` at `clock`. */
export function sessionInPhaseSql(alias: string, phase: MatchmakingPhase, clock = READ_CLOCK): string {
  const index = PHASES.indexOf(phase);
  const conditions: string[] = [];
  if (index > 0) conditions.push(`${clock} >= ${alias}."${PHASE_ENDS[index - 1]}"`);
  if (index < PHASE_ENDS.length) conditions.push(`${clock} < ${alias}."${PHASE_ENDS[index]}"`);
  return `(${conditions.join(' AND ')})`;
}
