export { MATCHMAKING_ENTITIES } from './entities';
export type { MatchmakingSessionEntity, PairingEntity } from './entities';
export { MatchmakingModule } from './matchmaking.module';
export { MatchmakingSessionsService } from './matchmaking-sessions.service';
export type {
  CreateMatchmakingSessionCommand,
  MatchmakingSessionFilter,
  MatchmakingStats,
} from './matchmaking-sessions.service';
export { PairingsService } from './pairings.service';
export { MatchmakingPhase, PairingStatus, PAIRINGS_PER_TASK_MAX } from './matchmaking.states';
export { MatchmakingTimers } from './matchmaking.timers';
