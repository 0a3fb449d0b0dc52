import { Inject, Injectable } from '@nestjs/common';
import type { Money } from '@vtask/core';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../config';
import { moneyFromInput, type MoneyInput } from './common.models';

/**
 * Every price a client sends (task budget, bid, invitation, offer, split, payout) comes through here:
 * parsed as money, then held to MAX_ORDER_AMOUNT, so no price is larger than one provider charge and
 * the ledger's sums stay far from their column's range (SPEC "Ledger").
 */
@Injectable()
export class PriceInputs {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** `field` names the input in the error (`price` gives `price.amount`). */
  parse(input: MoneyInput, field: string): Money {
    const price = moneyFromInput(input, field);
    price.assertAtMost(this.config.maxOrderAmount, `${field}.amount`);
    return price;
  }
}
