import { describe, expect, it } from 'vitest';
import { answerKey, answerState, nextMoment, scorePercent } from './matchmaking';

describe('matchmaking helpers', () => {
  it('let a side answer until it has, then wait for the other side, then nothing', () => {
    const fresh = { status: 'PROPOSED', merchantAccepted: null, creatorAccepted: null };
    expect(answerState(fresh, 'MERCHANT')).toBe('ANSWER');
    expect(answerState({ ...fresh, creatorAccepted: true }, 'CREATOR')).toBe('WAITING');
    expect(answerState({ ...fresh, creatorAccepted: true }, 'MERCHANT')).toBe('ANSWER');
    expect(answerState({ ...fresh, status: 'MATCHED' }, 'MERCHANT')).toBe('DONE');
    expect(answerState({ ...fresh, status: 'EXPIRED' }, 'CREATOR')).toBe('DONE');
  });

  it('word each answer', () => {
    expect([true, false, null].map(answerKey)).toEqual([
      'mm.answer.yes',
      'mm.answer.no',
      'mm.answer.pending',
    ]);
  });

  it('count down to the end of the current phase', () => {
    const timeline = {
      signupOpensAt: '2026-11-01T00:00:00Z',
      matchingStartsAt: '2026-11-05T00:00:00Z',
      endsAt: '2026-11-10T00:00:00Z',
    };
    expect(nextMoment({ ...timeline, phase: 'UPCOMING' })).toEqual({
      label: 'mm.signupOpensIn',
      at: timeline.signupOpensAt,
    });
    expect(nextMoment({ ...timeline, phase: 'SIGNUP' })?.at).toBe(timeline.matchingStartsAt);
    expect(nextMoment({ ...timeline, phase: 'MATCHING' })?.at).toBe(timeline.endsAt);
    expect(nextMoment({ ...timeline, phase: 'CLOSED' })).toBeNull();
  });

  it('show scores as bounded percentages', () => {
    expect([0.734, 1.2, -0.1].map(scorePercent)).toEqual([73, 100, 0]);
  });
});
