import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { MoneyInput } from '../graphql/common.models';

/** Ranges and the date are checked by the service (one BAD_USER_INPUT naming every field at fault). */
@InputType('ContentMetricsInput')
export class ContentMetricsInput {
  @Field(() => ID)
  @IsString()
  deliverableId: string;

  @Field({
    description:
      "The day the figures are for (YYYY-MM-DD). Recording the same day again replaces that day's figures.",
  })
  @IsString()
  day: string;

  @Field(() => Int)
  @IsInt()
  views: number;

  @Field(() => Int)
  @IsInt()
  clicks: number;

  @Field(() => Int)
  @IsInt()
  favorites: number;

  @Field(() => Int)
  @IsInt()
  addToCarts: number;

  @Field(() => Int)
  @IsInt()
  orders: number;

  @Field(() => MoneyInput)
  @ValidateNested()
  @Type(() => MoneyInput)
  gmv: MoneyInput;
}
