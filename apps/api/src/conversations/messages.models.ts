import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/common.models';

@ObjectType('Message', {
  description:
    "A message between the parties of an order (its merchant, its creator and the creator's agency read it; admins too during a dispute).",
})
export class MessageModel {
  @Field(() => ID)
  id: string;

  @Field()
  body: string;

  @Field(() => [String], { description: 'http(s) links: images, drafts, scripts.' })
  attachments: string[];

  @Field()
  createdAt: Date;

  authorUserId: string;
}

export const MessageConnection = Connection(MessageModel, 'MessageConnection');
