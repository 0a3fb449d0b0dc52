import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { ContentFigures, ContentPerformance, CreatorResults, DailyFigures } from '@vtask/insights';
import { MoneyModel } from '../graphql/common.models';
import { VerifiedFiguresModel } from './tracking.models';

/** The recorded figures both types share (a day's, or sums over days). */
@ObjectType({ isAbstract: true })
abstract class ContentFiguresModel {
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

  protected static figures(figures: ContentFigures): ContentFiguresModel {
    return {
      views: Number(figures.views),
      clicks: Number(figures.clicks),
      favorites: Number(figures.favorites),
      addToCarts: Number(figures.addToCarts),
      orders: Number(figures.orders),
      gmv: MoneyModel.from(figures.gmv),
    };
  }
}

@ObjectType('ContentPerformance', {
  description:
    'What content earned. views, clicks, favorites, addToCarts, orders and gmv are as reported (by the creator or an admin); `verified` holds what the platform counted itself.',
})
export class ContentPerformanceModel extends ContentFiguresModel {
  @Field(() => VerifiedFiguresModel, {
    description: 'The part of these figures the platform counted itself.',
  })
  verified: VerifiedFiguresModel;

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
      ...ContentFiguresModel.figures(performance),
      spend: MoneyModel.from(performance.spend),
      clickThroughRate: performance.clickThroughRate,
      conversionRate: performance.conversionRate,
      returnOnSpend: performance.returnOnSpend,
      verified: VerifiedFiguresModel.from(performance.verified),
    };
  }
}

@ObjectType('DailyPerformance', {
  description: "One day of a content's figures, summed over the order's deliverables.",
})
export class DailyPerformanceModel extends ContentFiguresModel {
  @Field({ description: 'The day the figures are for (YYYY-MM-DD).' })
  day: string;

  static from(figures: DailyFigures): DailyPerformanceModel {
    return { day: figures.day, ...ContentFiguresModel.figures(figures) };
  }
}

@ObjectType('CreatorResults', {
  description:
    "What the creator's completed orders brought, order by order from the platform's own counts (tracking-link clicks, signed sales) when the order has any, from the reported figures otherwise. Counts only, never money.",
})
export class CreatorResultsModel {
  @Field(() => Int, { description: 'Completed orders whose figures the platform counted.' })
  verifiedOrders: number;

  @Field(() => Int, { description: 'Completed orders with reported figures only (not verified).' })
  reportedOrders: number;

  @Field(() => Int)
  clicks: number;

  @Field(() => Int, { description: 'Shop orders the content brought.' })
  sales: number;

  @Field(() => Float, { nullable: true, description: 'sales / clicks; null without clicks.' })
  conversionRate: number | null;

  static from(results: CreatorResults): CreatorResultsModel {
    return {
      verifiedOrders: results.verifiedOrders,
      reportedOrders: results.reportedOrders,
      clicks: Number(results.clicks),
      sales: Number(results.sales),
      conversionRate: results.conversionRate,
    };
  }
}
