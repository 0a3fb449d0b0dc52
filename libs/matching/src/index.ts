export * from './creator-search.service';
export * from './entities';
export * from './match-reasons';
export * from './match-weights';
export * from './matching.errors';
export * from './matching.module';
export * from './matching.service';
export * from './tag-match';
