import type { Viewer } from '@vtask/core';
import {
  CreatorSearchService,
  ShortlistsService,
  type CreatorMatchProfileEntity,
  type ShortlistEntity,
} from '@vtask/matching';
import DataLoader from 'dataloader';

/** The creator square's per-request loaders: a page of creators costs one query per field. */
export class SquareLoaders {
  /** Each creator's match profile (prices, content types, track record). */
  readonly profiles: DataLoader<string, CreatorMatchProfileEntity | null>;
  /** The viewer's shortlists holding each creator (empty unless the viewer is a merchant). */
  readonly shortlistsHolding: DataLoader<string, ShortlistEntity[]>;

  constructor(search: CreatorSearchService, shortlists: ShortlistsService, viewer: Viewer | null) {
    this.profiles = new DataLoader(async (ids) => {
      const byCreator = new Map((await search.profilesOf(ids)).map((row) => [row.creatorId, row]));
      return ids.map((id) => byCreator.get(id) ?? null);
    });
    this.shortlistsHolding = new DataLoader(async (creatorIds) => {
      const holdings = await shortlists.holding(viewer, creatorIds);
      return creatorIds.map((id) =>
        holdings.filter((holding) => holding.creatorId === id).map((holding) => holding.shortlist),
      );
    });
  }
}
