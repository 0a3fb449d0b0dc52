import { Inject } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../config';
import { Public } from '../graphql/auth.decorators';

@ObjectType('PaymentSettings', {
  description: 'How this server takes payments, for clients that confirm card payments themselves.',
})
export class PaymentSettingsModel {
  @Field({ description: 'The payment provider: "sandbox" (funding succeeds at once) or "stripe".' })
  provider: string;

  @Field(() => String, {
    nullable: true,
    description:
      'With "stripe": the publishable key for Stripe.js, to confirm the clientSecret that fundOrder answers. Null when the server has none (card payment is not set up) or the provider is not "stripe".',
  })
  stripePublishableKey: string | null;
}

@Public()
@Resolver(() => PaymentSettingsModel)
export class PaymentSettingsResolver {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Query(() => PaymentSettingsModel, {
    description: 'The payment provider and what a web client needs to pay with it. Public: holds no secret.',
  })
  paymentSettings(): PaymentSettingsModel {
    return {
      provider: this.config.paymentProvider,
      stripePublishableKey: this.config.stripe?.publishableKey ?? null,
    };
  }
}
