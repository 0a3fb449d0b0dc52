import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { Slug } from '../graphql/input-check';

@InputType()
export class CreateMatchmakingSessionInput {
  @Field()
  @IsString()
  @Length(1, 120)
  name: string;

  @Field(() => ID, { description: 'A parent tag; creators match it or any of its children.' })
  @Slug()
  @IsString()
  industry: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @Field({ description: 'signupOpensAt < matchingStartsAt < endsAt.' })
  @IsDate()
  signupOpensAt: Date;

  @Field()
  @IsDate()
  matchingStartsAt: Date;

  @Field()
  @IsDate()
  endsAt: Date;

  @Field(() => Int, { nullable: true, description: '1 to 20; defaults to 5.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  pairingsPerTask?: number | null;
}
