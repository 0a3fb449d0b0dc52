import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreatorSearchService } from './creator-search.service';
import { MATCHING_ENTITIES } from './entities';
import { MatchingService } from './matching.service';

const SERVICES = [MatchingService, CreatorSearchService];

/** Recommendations (千人千面) and creator search ranking; reads the market, never changes it. */
@Module({})
export class MatchingModule {
  static forRoot(): DynamicModule {
    return {
      module: MatchingModule,
      global: true,
      imports: [TypeOrmModule.forFeature(MATCHING_ENTITIES)],
      providers: SERVICES,
      exports: SERVICES,
    };
  }
}
