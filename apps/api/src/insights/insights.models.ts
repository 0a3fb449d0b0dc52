import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ContentPerformance, DailyFigures } from '@vtask/insights';
import { MoneyModel } from '../graphql/common.models';

@ObjectType('ContentPerformance')
export class ContentPerformanceModel {
  @Field(() => Int)
  views: number;

  @Field(() => Int)
  clicks: number;

  @Field(() => Int)
  favorites: number;

  @Field(() => Int)
  addToCarts: number;

  @Field(() => Int)
  orders: number;

  @Field(() => MoneyModel)
  gmv: MoneyModel;

  @Field(() => MoneyModel, {
    description: "The price paid: the orders' prices, for orders funded and not cancelled.",
  })
  spend: MoneyModel;

  @Field(() => Float, { nullable: true, description: 'clicks / views; null without views.' })
  clickThroughRate: number | null;

  @Field(() => Float, { nullable: true, description: 'orders / clicks; null without clicks.' })
  conversionRate: number | null;

  @Field(() => Float, { nullable: true, description: 'gmv / price paid; null without a price.' })
  returnOnSpend: number | null;

  static from(performance: ContentPerformance): ContentPerformanceModel {
    return {
      views: Number(performance.views),
      clicks: Number(performance.clicks),
      favorites: Number(performance.favorites),
      addToCarts: Number(performance.addToCarts),
      orders: Number(performance.orders),
      gmv: MoneyModel.from(performance.gmv),
      spend: MoneyModel.from(performance.spend),
      clickThroughRate: performance.clickThroughRate,
      conversionRate: performance.conversionRate,
      returnOnSpend: performance.returnOnSpend,
    };
  }
}

@ObjectType('DailyPerformance', {
  description: "One day of a content's figures, summed over the order's deliverables.",
})
export class DailyPerformanceModel {
  @Field({ description: 'The day the figures are for (YYYY-MM-DD).' })
  day: string;

  @Field(() => Int)
  views: number;

  @Field(() => Int)
  clicks: number;

  @Field(() => Int)
  favorites: number;

  @Field(() => Int)
  addToCarts: number;

  @Field(() => Int)
  orders: number;

  @Field(() => MoneyModel)
  gmv: MoneyModel;

  static from(figures: DailyFigures): DailyPerformanceModel {
    return {
      day: figures.day,
      views: Number(figures.views),
      clicks: Number(figures.clicks),
      favorites: Number(figures.favorites),
      addToCarts: Number(figures.addToCarts),
      orders: Number(figures.orders),
      gmv: MoneyModel.from(figures.gmv),
    };
  }
}
