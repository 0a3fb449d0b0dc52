import type { Viewer } from '@vtask/core';
import { MatchmakingSessionsService, type MatchmakingStats } from '@vtask/matchmaking';
import DataLoader from 'dataloader';

/** A list of matchmaking sessions costs one query per field, not one per session. */
export class MatchmakingLoaders {
  /** Each session's figures. */
  readonly stats: DataLoader<string, MatchmakingStats>;
  /** Whether the viewer joined each session (false for everyone signed out). */
  readonly joined: DataLoader<string, boolean>;

  constructor(sessions: MatchmakingSessionsService, viewer: Viewer | null) {
    this.stats = new DataLoader(async (ids) => {
      const found = await sessions.statsOf(ids);
      return ids.map((id) => found.get(id) ?? new Error(`No matchmaking session ${id}`));
    });
    this.joined = new DataLoader(async (ids) => {
      if (!viewer) return ids.map(() => false);
      const joined = await sessions.joinedBy(viewer.userId, ids);
      return ids.map((id) => joined.has(id));
    });
  }
}
