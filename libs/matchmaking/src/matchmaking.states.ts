import { TransitionTable } from '@vtask/core';

/** Where the clock is in a session's timeline. Derived on every read from the timeline, never stored. */
export enum MatchmakingPhase {
  UPCOMING = 'UPCOMING',
  SIGNUP = 'SIGNUP',
  MATCHING = 'MATCHING',
  CLOSED = 'CLOSED',
}

export enum PairingStatus {
  PROPOSED = 'PROPOSED',
  MATCHED = 'MATCHED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
}

/**
 * A proposed pairing ends once: both sides said yes (MATCHED, with its order), one said no, or the
 * session ended first. A single "yes" keeps it PROPOSED (the answer is kept on its side's column).
 */
export const PAIRING_TRANSITIONS = new TransitionTable<PairingStatus, 'MATCH' | 'DECLINE' | 'EXPIRE'>(
  'pairing',
  Object.values(PairingStatus),
  {
    MATCH: { from: [PairingStatus.PROPOSED], to: PairingStatus.MATCHED },
    DECLINE: { from: [PairingStatus.PROPOSED], to: PairingStatus.DECLINED },
    EXPIRE: { from: [PairingStatus.PROPOSED], to: PairingStatus.EXPIRED },
  },
);

/** Most and default pairings proposed per joined task (the contract's bounds). */
export const PAIRINGS_PER_TASK_MAX = 20;
export const PAIRINGS_PER_TASK_DEFAULT = 5;
