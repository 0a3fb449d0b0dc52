import { DomainError, ErrorCode } from '@vtask/core';
import { answerOf, chargeKey, fundingRequestOf, nextChargeStep } from './charge-outcomes';
import { inputErrors } from '@vtask/core';
import { LedgerErrors } from './ledger.errors';
import {
  OUTCOME_ACTION,
  PAYMENT_TRANSITIONS,
  PAYOUT_TRANSITIONS,
  PayoutStatus,
  ProviderOperationStatus as S,
} from './ledger.states';
import type { PayeeStanding } from './payment-listener';

describe('the payment state machine', () => {
  it('records an answer only on an open payment, so a late duplicate changes nothing', () => {
    for (const answer of ['SUCCEEDED', 'REQUIRES_ACTION', 'FAILED'] as const) {
      const action = OUTCOME_ACTION[answer];
      expect(PAYMENT_TRANSITIONS.to(action)).toBe(answer);
      expect(PAYMENT_TRANSITIONS.from(action)).toEqual([S.PENDING, S.REQUIRES_ACTION]);
      expect(PAYMENT_TRANSITIONS.can(action, S.SUCCEEDED)).toBe(false);
      expect(PAYMENT_TRANSITIONS.can(action, S.FAILED)).toBe(false);
    }
  });

  it('revives only a failed charge, and confirms only an unanswered refund', () => {
    expect(PAYMENT_TRANSITIONS.from('REVIVE')).toEqual([S.FAILED]);
    expect(PAYMENT_TRANSITIONS.to('REVIVE')).toBe(S.REQUIRES_ACTION);
    expect(PAYMENT_TRANSITIONS.from('CONFIRM_UNANSWERED')).toEqual([S.PENDING]);
    expect(() => PAYMENT_TRANSITIONS.assert('REVIVE', S.SUCCEEDED)).toThrow(/Cannot revive a payment/);
  });

  it('pays a payout once: only a PENDING one is paid or refused', () => {
    expect(PAYOUT_TRANSITIONS.can('PAY', PayoutStatus.PENDING)).toBe(true);
    expect(PAYOUT_TRANSITIONS.can('PAY', PayoutStatus.FAILED)).toBe(false);
    expect(PAYOUT_TRANSITIONS.can('REFUSE', PayoutStatus.PAID)).toBe(false);
    expect(PAYOUT_TRANSITIONS.to('REVERSE_WHOLE')).toBe(PayoutStatus.FAILED);
  });
});

describe('what a charge outcome does next', () => {
  const standings: PayeeStanding[] = ['AWAITING_PAYMENT', 'FUNDED', 'MOVED_ON'];

  it('funds an order that awaits its money, whoever reports the success', () => {
    expect(nextChargeStep(S.SUCCEEDED, 'AWAITING_PAYMENT', true)).toBe('FUND');
    expect(nextChargeStep(S.SUCCEEDED, 'AWAITING_PAYMENT', false)).toBe('FUND');
  });

  it('refunds money that came after the order moved on, once', () => {
    expect(nextChargeStep(S.SUCCEEDED, 'MOVED_ON', true)).toBe('REFUND_LATE');
    // A repeated report refunds nothing more: the answer depends on whether the escrow was funded.
    expect(nextChargeStep(S.SUCCEEDED, 'MOVED_ON', false)).toBe('CHECK_ESCROW');
    expect(nextChargeStep(S.SUCCEEDED, 'FUNDED', true)).toBe('ANSWER');
  });

  it('notes a failure on the order only for the report that failed the charge', () => {
    for (const standing of standings) {
      expect(nextChargeStep(S.FAILED, standing, true)).toBe('RECORD_FAILURE');
      expect(nextChargeStep(S.FAILED, standing, false)).toBe('ANSWER');
      expect(nextChargeStep(S.REQUIRES_ACTION, standing, true)).toBe('ANSWER');
      expect(nextChargeStep(S.PENDING, standing, false)).toBe('STILL_PENDING');
    }
  });

  it('answers the payer from the charge', () => {
    const charge = { clientSecret: 'pi_secret', failureReason: 'card declined' };
    expect(answerOf('o1', { ...charge, status: S.SUCCEEDED })).toEqual({
      orderId: 'o1',
      status: 'SUCCEEDED',
      clientSecret: null,
      failureReason: null,
    });
    expect(answerOf('o1', { ...charge, status: S.REQUIRES_ACTION }).clientSecret).toBe('pi_secret');
    expect(answerOf('o1', { ...charge, status: S.FAILED })).toMatchObject({
      status: 'FAILED',
      failureReason: 'card declined',
    });
  });

  it('keeps the funding request in the charge key, for recovery to answer it', () => {
    const request = { userId: '6f1d3c1e-0000-4000-8000-00000000000a', key: 'pay:1:retry' };
    const key = chargeKey('order-1', request);
    expect(fundingRequestOf({ idempotencyKey: key })).toEqual(request);
    expect(fundingRequestOf({ idempotencyKey: 'payout:123' })).toBeNull();
  });

  it('words its refusals in both languages', () => {
    const error = LedgerErrors.paymentInProgress();
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.localized?.localize({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toMatch(/幂等键/);
  });
});

describe('input refusals', () => {
  it('name each field in the message, once, in both languages', () => {
    const one = LedgerErrors.notHttpUrl('returnUrl');
    expect(one.message).toBe('returnUrl: Must be an http(s) URL.');
    expect(one.fields).toEqual({ returnUrl: 'Must be an http(s) URL.' });
    const both = inputErrors([one, LedgerErrors.notHttpUrl('refreshUrl')]);
    expect(both.message).toBe('returnUrl: Must be an http(s) URL.; refreshUrl: Must be an http(s) URL.');
    expect(both.localized?.localize({ locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBe(
      'returnUrl: 必须是 http(s) 网址。；refreshUrl: 必须是 http(s) 网址。',
    );
  });
});
