import { Injectable, Logger } from '@nestjs/common';
import { CurrencyCode, Money } from '@vtask/core';
import { DataSource, type EntityManager } from 'typeorm';
import { fundingRequestOf } from './charge-outcomes';
import { ChargesService } from './charges.service';
import type { ProviderOperationEntity } from './entities/provider-operation.entity';
import { ProviderOperationKind } from './ledger.states';
import type { ProviderEvent, ProviderWebhook } from './payment-provider';
import { PayoutAccountsService } from './payout-accounts.service';
import { PayoutsService } from './payouts.service';
import { ProviderEventsService } from './provider-events.service';
import { ProviderOperationsService } from './provider-operations.service';
import { RefundsService } from './refunds.service';

export type WebhookReceipt =
  { status: 'REFUSED'; reason: string } | { status: 'PROCESSED' | 'DUPLICATE'; outcome: string };

type EventOf<K extends ProviderEvent['kind']> = Extract<ProviderEvent, { kind: K }>;

/**
 * The payment provider's webhooks: the signature is checked on the raw body (a refusal changes
 * nothing), then each event is applied at most once: its id is claimed in the same transaction as its
 * effect. Effects are idempotent and compare before they act, so events arriving out of order (or a
 * webhook racing the API call that made the object) do no harm.
 */
@Injectable()
export class PaymentWebhooksService {
  private readonly logger = new Logger('PaymentWebhooks');

  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: ProviderOperationsService,
    private readonly events: ProviderEventsService,
    private readonly charges: ChargesService,
    private readonly refunds: RefundsService,
    private readonly payouts: PayoutsService,
    private readonly payoutAccounts: PayoutAccountsService,
  ) {}

  async receive(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<WebhookReceipt> {
    const parsed = this.operations.provider.parseWebhook(rawBody, headers);
    if (!parsed.ok) {
      this.logger.warn(`refused a ${this.operations.provider.name} webhook: ${parsed.reason}`);
      return { status: 'REFUSED', reason: parsed.reason };
    }
    const { webhook } = parsed;
    const event = webhook.event;
    switch (event.kind) {
      case 'CHARGE_SUCCEEDED':
        return this.chargeSucceeded(webhook, event);
      case 'CHARGE_FAILED':
        return this.chargeFailed(webhook, event);
      case 'CHARGE_REFUNDED':
        return this.chargeRefunded(webhook, event);
      case 'TRANSFER_REVERSED':
        return this.once(webhook, (manager) => this.payouts.applyReversal(manager, event));
      case 'PAYOUT_ACCOUNT_UPDATED':
        return this.accountUpdated(webhook, event);
      default:
        return this.once(webhook, async () => 'ignored: not an event V-Task acts on');
    }
  }

  /** The payer's payment went through: the escrow is funded only if it is exactly the order's charge. */
  private async chargeSucceeded(
    webhook: ProviderWebhook,
    event: EventOf<'CHARGE_SUCCEEDED'>,
  ): Promise<WebhookReceipt> {
    const charge = await this.findCharge(event.operationId, event.reference);
    const problem = charge
      ? this.mismatch(charge, event)
      : `no charge of V-Task is ${event.reference} (order ${event.orderId ?? 'unknown'})`;
    if (problem || !charge) {
      this.logger.warn(`${webhook.type} ${webhook.id} for ${event.reference}: ${problem}; nothing is funded`);
      return this.once(webhook, async () => `not funded: ${problem}`);
    }
    let refundId: string | null = null;
    const receipt = await this.once(webhook, async (manager) => {
      const recorded = await this.charges.recordOutcome(
        manager,
        charge.id,
        { status: 'SUCCEEDED', reference: event.reference },
        fundingRequestOf(charge),
        { reviveFailed: true },
      );
      refundId = recorded.refundId;
      const { result } = recorded;
      return `order ${charge.orderId}: funding ${result.status}${result.failureReason ? ` (${result.failureReason})` : ''}`;
    });
    if (refundId) await this.refunds.settle(refundId);
    return receipt;
  }

  /** A payment attempt failed: the funding answer becomes FAILED, the order stays AWAITING_FUNDING. */
  private async chargeFailed(
    webhook: ProviderWebhook,
    event: EventOf<'CHARGE_FAILED'>,
  ): Promise<WebhookReceipt> {
    const charge = await this.findCharge(event.operationId, event.reference);
    const problem = !charge
      ? `no charge of V-Task is ${event.reference}`
      : event.orderId && event.orderId !== charge.orderId
        ? `it names order ${event.orderId}, the charge is for order ${charge.orderId}`
        : charge.providerReference && charge.providerReference !== event.reference
          ? `the charge is ${charge.providerReference}`
          : null;
    if (problem || !charge) {
      this.logger.warn(`${webhook.type} ${webhook.id} for ${event.reference}: ${problem}; ignored`);
      return this.once(webhook, async () => `ignored: ${problem}`);
    }
    return this.once(webhook, async (manager) => {
      const { result } = await this.charges.recordOutcome(
        manager,
        charge.id,
        { status: 'FAILED', reason: event.reason, reference: event.reference },
        fundingRequestOf(charge),
      );
      return `order ${charge.orderId}: funding ${result.status}`;
    });
  }

  private async chargeRefunded(
    webhook: ProviderWebhook,
    event: EventOf<'CHARGE_REFUNDED'>,
  ): Promise<WebhookReceipt> {
    const charge = event.chargeReference ? await this.findCharge(null, event.chargeReference) : null;
    if (!charge?.orderId || charge.currency !== event.currency) {
      const problem = charge
        ? `currency ${event.currency} differs from ${charge.currency}`
        : `no charge of V-Task is ${event.chargeReference}`;
      this.logger.warn(`${webhook.type} ${webhook.id}: ${problem}; ignored`);
      return this.once(webhook, async () => `ignored: ${problem}`);
    }
    const orderId = charge.orderId;
    return this.once(webhook, async (manager) => {
      const result = await this.operations.reconcileRefunds(manager, charge, event);
      const summary = `order ${orderId}: provider refunded ${format(event.refundedMinor, event.currency)}, V-Task asked ${format(result.askedMinor, event.currency)}; ${result.completed} refund(s) completed`;
      if (result.differs)
        this.logger.warn(`${webhook.type} ${webhook.id}: ${summary}; run npm run reconcile:stripe`);
      return summary;
    });
  }

  private async accountUpdated(
    webhook: ProviderWebhook,
    event: EventOf<'PAYOUT_ACCOUNT_UPDATED'>,
  ): Promise<WebhookReceipt> {
    let readyWallet: string | null = null;
    const receipt = await this.once(webhook, async (manager) => {
      const result = await this.payoutAccounts.updateReadiness(
        manager,
        event.reference,
        event.ready,
        webhook.createdAt,
      );
      if (!result.walletAccount) return `ignored: no wallet has the account ${event.reference}`;
      if (!result.applied) return `ignored: older than the account's last update`;
      if (event.ready) readyWallet = result.walletAccount;
      return `${result.walletAccount}: ${event.ready ? 'can receive payouts' : 'cannot receive payouts yet'}`;
    });
    // After commit (no provider call inside a transaction): payouts that waited for the account go now.
    if (readyWallet) await this.payouts.retryWaiting(readyWallet);
    return receipt;
  }

  private async once(
    webhook: ProviderWebhook,
    effect: (manager: EntityManager) => Promise<string>,
  ): Promise<WebhookReceipt> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      if (!(await this.events.claim(manager, this.operations.provider.name, webhook))) return null;
      const done = await effect(manager);
      await this.events.note(manager, webhook.id, done);
      return done;
    });
    if (outcome === null) return { status: 'DUPLICATE', outcome: 'already processed' };
    this.logger.log(`${webhook.type} ${webhook.id}: ${outcome}`);
    return { status: 'PROCESSED', outcome };
  }

  private findCharge(
    operationId: string | null,
    reference: string | null,
  ): Promise<ProviderOperationEntity | null> {
    return this.operations.findForEvent(
      this.dataSource.manager,
      ProviderOperationKind.CHARGE,
      operationId,
      reference,
    );
  }

  /** Why a succeeded payment must not fund the order, or null when it is the order's charge exactly. */
  private mismatch(charge: ProviderOperationEntity, event: EventOf<'CHARGE_SUCCEEDED'>): string | null {
    if (event.orderId !== charge.orderId)
      return `it names order ${event.orderId ?? 'none'}, the charge is for order ${charge.orderId}`;
    if (charge.providerReference && charge.providerReference !== event.reference)
      return `the order's charge is ${charge.providerReference}`;
    if (event.currency !== charge.currency)
      return `currency ${event.currency} differs from the order's ${charge.currency}`;
    if (event.amountMinor !== charge.amountMinor) {
      return `amount ${format(event.amountMinor, event.currency)} differs from the order's ${format(charge.amountMinor, charge.currency)}`;
    }
    return null;
  }
}

function format(minor: bigint, currency: string): string {
  return currency in CurrencyCode
    ? `${Money.of(minor, currency as CurrencyCode).toDecimal()} ${currency}`
    : `${minor} minor units of ${currency}`;
}
