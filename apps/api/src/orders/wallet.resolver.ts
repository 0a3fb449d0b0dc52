import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrencyCode, Role, type Viewer } from '@vtask/core';
import { LedgerService, payoutFailureReason, payoutNote, PayoutsService } from '@vtask/ledger';
import { OrdersService, WalletsService } from '@vtask/orders';
import { Ctx, CurrentViewer, Roles } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
import { MoneyInput, MoneyModel } from '../graphql/common.models';
import { LedgerEntryModel, PayoutModel, WalletModel } from './escrow.models';
import { OrderModel } from './orders.models';
import { visibleOrder } from './visible-order';
import { PriceInputs } from '../graphql/price-inputs';

@Resolver(() => PayoutModel)
export class WalletResolver {
  constructor(
    private readonly wallets: WalletsService,
    private readonly payouts: PayoutsService,
    private readonly ledger: LedgerService,
    private readonly ordersService: OrdersService,
    private readonly prices: PriceInputs,
  ) {}

  @Roles(Role.MERCHANT, Role.CREATOR, Role.AGENCY)
  @Query(() => WalletModel)
  async myWallet(
    @CurrentViewer() viewer: Viewer,
    @Args('currency', { type: () => CurrencyCode, nullable: true, description: 'Defaults to CNY.' })
    currency: CurrencyCode | null,
  ): Promise<WalletModel> {
    const wallet = await this.wallets.walletOf(viewer, currency ?? CurrencyCode.CNY);
    return {
      available: MoneyModel.from(wallet.available),
      inEscrow: MoneyModel.from(wallet.inEscrow),
      paidOut: MoneyModel.from(wallet.paidOut),
    };
  }

  @Roles(Role.MERCHANT, Role.CREATOR, Role.AGENCY)
  @Query(() => [PayoutModel])
  myPayouts(@CurrentViewer() viewer: Viewer) {
    return this.payouts.mine(viewer);
  }

  @Roles(Role.MERCHANT, Role.CREATOR, Role.AGENCY)
  @Mutation(() => PayoutModel)
  requestPayout(
    @CurrentViewer() viewer: Viewer,
    @Args('amount') amount: MoneyInput,
    @Args('idempotencyKey') idempotencyKey: string,
  ) {
    return this.payouts.request(viewer, this.prices.parse(amount, 'amount'), idempotencyKey);
  }

  @Query(() => [LedgerEntryModel], {
    description:
      "An order's ledger lines: whoever may see the order reads them (its merchant, its creator and the creator's agency, admins).",
  })
  async ledgerEntries(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
  ): Promise<LedgerEntryModel[]> {
    await this.ordersService.findVisible(viewer, orderId);
    const entries = await this.ledger.entriesOfOrder(orderId);
    return entries.map((entry) => ({
      id: entry.id,
      at: entry.createdAt,
      kind: entry.kind,
      account: entry.account,
      amount: MoneyModel.of(entry.amountMinor, entry.currency),
      transactionId: entry.transactionId,
      orderId: entry.orderId,
    }));
  }

  @ResolveField(() => MoneyModel)
  amount(@Parent() payout: { amountMinor: bigint; currency: CurrencyCode }): MoneyModel {
    return MoneyModel.of(payout.amountMinor, payout.currency);
  }

  @ResolveField(() => String, {
    description:
      "The payout record's note in the reader's language: what happened, the provider's reference kept verbatim and labelled (\"已打款（沙盒，sandbox_po_…）\"), or why it waits or failed.",
  })
  note(@Parent() payout: PayoutModel, @Ctx() ctx: RequestContext): string {
    return payoutNote(payout, ctx.reader);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "Why the payout waits or failed, in the reader's language (a provider's own words as written).",
  })
  failureReason(@Parent() payout: PayoutModel, @Ctx() ctx: RequestContext): string | null {
    return payoutFailureReason(payout, ctx.reader);
  }
}

@Resolver(() => LedgerEntryModel)
export class LedgerEntryResolver {
  @ResolveField(() => OrderModel, { nullable: true })
  order(@Parent() entry: LedgerEntryModel, @Ctx() ctx: RequestContext) {
    return visibleOrder(ctx, entry.orderId);
  }
}
