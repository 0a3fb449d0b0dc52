import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MatchmakingPhase, PairingStatus } from '@vtask/matchmaking';
import { Connection, MoneyModel } from '../graphql/common.models';

registerEnumType(MatchmakingPhase, {
  name: 'MatchmakingPhase',
  valuesMap: {
    SIGNUP: { description: 'Merchants and creators of the industry join.' },
    MATCHING: { description: 'Pairings are proposed; both sides answer.' },
  },
});
registerEnumType(PairingStatus, {
  name: 'PairingStatus',
  valuesMap: { MATCHED: { description: 'Both sides said yes: an order awaits funding.' } },
});

@ObjectType('MatchmakingStats')
export class MatchmakingStatsModel {
  @Field(() => Int)
  merchants: number;

  @Field(() => Int)
  creators: number;

  @Field(() => Int)
  pairingsProposed: number;

  @Field(() => Int)
  pairingsMatched: number;

  @Field(() => [MoneyModel], {
    description: 'Price of the matched orders that were funded, one entry per currency.',
  })
  fundedValue: MoneyModel[];
}

@ObjectType('MatchmakingSession', {
  description: "定向匹配会: a session that pairs one industry's merchants with creators of that industry.",
})
export class MatchmakingSessionModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field()
  signupOpensAt: Date;

  @Field()
  matchingStartsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => MatchmakingPhase)
  phase: MatchmakingPhase;

  @Field(() => Int, { description: 'Most pairings proposed for each joined task.' })
  pairingsPerTask: number;

  industry: string;
}

@ObjectType('Pairing')
export class PairingModel {
  @Field(() => ID)
  id: string;

  @Field(() => Float)
  score: number;

  @Field(() => Boolean, { nullable: true, description: 'Null until the side answers.' })
  merchantAccepted: boolean | null;

  @Field(() => Boolean, { nullable: true })
  creatorAccepted: boolean | null;

  @Field(() => PairingStatus)
  status: PairingStatus;

  sessionId: string;
  taskId: string;
  merchantId: string;
  creatorId: string;
  orderId: string | null;
  reasons: { en: string[]; 'zh-CN': string[] };
}

export const PairingConnection = Connection(PairingModel, 'PairingConnection');
export const MatchmakingSessionConnection = Connection(
  MatchmakingSessionModel,
  'MatchmakingSessionConnection',
);
