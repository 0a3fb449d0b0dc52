import { Field, Float, ObjectType } from '@nestjs/graphql';
import { CreatorModel } from '../accounts/accounts.models';
import { TaskModel } from '../marketplace/marketplace.models';

@ObjectType('CreatorMatch')
export class CreatorMatchModel {
  @Field(() => CreatorModel)
  creator: CreatorModel;

  @Field(() => Float, { description: '0 to 1, higher is a better fit.' })
  score: number;

  @Field(() => [String], {
    description: 'Why, in words a merchant understands (shared tags, tier, price fit, track record).',
  })
  reasons: string[];
}

@ObjectType('TaskMatch')
export class TaskMatchModel {
  @Field(() => TaskModel)
  task: TaskModel;

  @Field(() => Float, { description: '0 to 1, higher is a better fit.' })
  score: number;

  @Field(() => [String], { description: 'Why the task fits the creator (tags, tier, budget, channels).' })
  reasons: string[];
}
