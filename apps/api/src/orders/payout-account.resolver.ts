import { Args, Field, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import { PayoutAccountsService } from '@vtask/ledger';
import { CurrentViewer, Roles } from '../graphql/auth.decorators';

@ObjectType('PayoutAccountLink', {
  description: "Where the owner finishes the payment provider's onboarding of their payout account.",
})
export class PayoutAccountLinkModel {
  @Field({ description: 'Single-use link to the onboarding; ask for a new one when it expires.' })
  url: string;

  @Field()
  expiresAt: Date;

  @Field({ description: 'The account already receives payouts (onboarding was finished before).' })
  ready: boolean;
}

@Resolver(() => PayoutAccountLinkModel)
export class PayoutAccountResolver {
  constructor(private readonly payoutAccounts: PayoutAccountsService) {}

  @Roles(Role.CREATOR, Role.AGENCY)
  @Mutation(() => PayoutAccountLinkModel, {
    description:
      'Opens your payout account at the payment provider (once) and returns its onboarding link. Payouts wait (PENDING) until the account can receive them, then go out by themselves.',
  })
  connectPayoutAccount(
    @CurrentViewer() viewer: Viewer,
    @Args('returnUrl', { description: 'Where the provider sends you back after the onboarding.' })
    returnUrl: string,
    @Args('refreshUrl', {
      description: 'Where the provider sends you when the link has expired (ask for a new one there).',
    })
    refreshUrl: string,
  ): Promise<PayoutAccountLinkModel> {
    return this.payoutAccounts.connect(viewer, returnUrl, refreshUrl);
  }
}
