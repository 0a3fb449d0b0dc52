import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CurrencyCode, ErrorCode, Money, Role } from '@vtask/core';
import { IsEnum, IsString } from 'class-validator';
import type { Type } from '@nestjs/common';
import type { Page } from '@vtask/core';
import { DecimalScalar } from './scalars';
import { FieldCost } from './limits';

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: 'Documented values of `extensions.code` on errors. Never returned as data.',
  valuesMap: {
    CONFLICT: {
      description:
        'The object is not in a state that allows this action (e.g. accepting a cancelled order), or it changed concurrently.',
    },
    DEADLINE_PASSED: { description: 'A deadline of the task, offer, order or venue has passed.' },
    TIER_TOO_LOW: { description: "The creator's tier is below what the task, offer or venue requires." },
    QUERY_TOO_COMPLEX: { description: 'The query exceeds the depth or cost limit.' },
  },
});
registerEnumType(Role, { name: 'Role' });
registerEnumType(CurrencyCode, { name: 'CurrencyCode' });

@ObjectType('Money')
export class MoneyModel {
  @Field(() => DecimalScalar)
  amount: string;

  @Field(() => CurrencyCode)
  currencyCode: CurrencyCode;

  static from(money: Money): MoneyModel {
    return { amount: money.toDecimal(), currencyCode: money.currency };
  }

  static of(minor: bigint, currency: CurrencyCode): MoneyModel {
    return MoneyModel.from(Money.of(minor, currency));
  }
}

@InputType('MoneyInput')
export class MoneyInput {
  @Field(() => DecimalScalar)
  @IsString()
  amount: string;

  @Field(() => CurrencyCode)
  @IsEnum(CurrencyCode)
  currencyCode: CurrencyCode;
}

/** Parses a MoneyInput into minor units; `field` names the input in the error. */
export function moneyFromInput(input: MoneyInput, field: string): Money {
  return Money.fromDecimal(input.amount, input.currencyCode, `${field}.amount`);
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;

  // The same count as totalCount (counted once per page whichever asks), so priced the same: a client
  // cannot have lists counted for free by asking only whether the count is exact.
  @Field(() => Boolean, {
    complexity: FieldCost.COUNT,
    description:
      'False when totalCount is capped (at 10,000: the console shows "10,000+") instead of counted exactly.',
  })
  totalCountIsExact: boolean | Promise<boolean>;
}

/**
 * `totalCount` and `totalCountIsExact` are getters: a field is read only when a client selects it, so a
 * page that does not show its total never counts.
 */
export interface ConnectionShape<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/** The contract's connection shape (`nodes`, `pageInfo`, `totalCount`) for one node type. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(name)
  class ConnectionType {
    @Field(() => [node])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { complexity: FieldCost.COUNT })
    totalCount: number | Promise<number>;
  }
  return ConnectionType;
}

/** A service page as a connection; `map` turns each row into what the node type resolves from. */
export function toConnection<R, T>(page: Page<R>, map: (row: R) => T): ConnectionShape<T> {
  return {
    nodes: page.nodes.map(map),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      endCursor: page.endCursor,
      get totalCountIsExact() {
        return page.count().then((count) => count.exact);
      },
    },
    get totalCount() {
      return page.count().then((count) => count.value);
    },
  };
}
