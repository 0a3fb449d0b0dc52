import { MatchmakingParticipantEntity } from './matchmaking-participant.entity';
import { MatchmakingSessionEntity } from './matchmaking-session.entity';
import { PairingEntity } from './pairing.entity';

export { MatchmakingParticipantEntity, MatchmakingSessionEntity, PairingEntity };
export type { PairingReasons } from './pairing.entity';

export const MATCHMAKING_ENTITIES = [MatchmakingSessionEntity, MatchmakingParticipantEntity, PairingEntity];
