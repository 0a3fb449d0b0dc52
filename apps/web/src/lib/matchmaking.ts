import type { MessageKey } from '../i18n/zh';

export type PairingSide = 'MERCHANT' | 'CREATOR';

interface PairingAnswers {
  status: string;
  merchantAccepted?: boolean | null;
  creatorAccepted?: boolean | null;
}

/**
 * What one side of a pairing can do now: answer it (their side is still null), wait for the other
 * side (they said yes), or nothing (it is MATCHED, DECLINED or EXPIRED).
 */
export function answerState(pairing: PairingAnswers, side: PairingSide): 'ANSWER' | 'WAITING' | 'DONE' {
  if (pairing.status !== 'PROPOSED') return 'DONE';
  const mine = side === 'MERCHANT' ? pairing.merchantAccepted : pairing.creatorAccepted;
  return mine === null || mine === undefined ? 'ANSWER' : 'WAITING';
}

/** A side's answer as the console words it. */
export function answerKey(answer: boolean | null | undefined): MessageKey {
  if (answer === true) return 'mm.answer.yes';
  if (answer === false) return 'mm.answer.no';
  return 'mm.answer.pending';
}

interface SessionTimeline {
  phase: string;
  signupOpensAt: string;
  matchingStartsAt: string;
  endsAt: string;
}

/** The next moment of a session's timeline, for its countdown; null once it has closed. */
export function nextMoment(session: SessionTimeline): { label: MessageKey; at: string } | null {
  switch (session.phase) {
    case 'UPCOMING':
      return { label: 'mm.signupOpensIn', at: session.signupOpensAt };
    case 'SIGNUP':
      return { label: 'mm.signupClosesIn', at: session.matchingStartsAt };
    case 'MATCHING':
      return { label: 'mm.endsIn', at: session.endsAt };
    default:
      return null;
  }
}

/** A match score (0 to 1) as a whole percentage. */
export function scorePercent(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 100);
}
