import { DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from './accounts.options';
import { AgenciesService } from './agencies.service';
import { AuthService } from './auth.service';
import { CreatorsService } from './creators.service';
import { ACCOUNTS_ENTITIES } from './entities';
import { ProfilesService } from './profiles.service';
import { TagsService } from './tags.service';

const SERVICES = [AuthService, TagsService, CreatorsService, ProfilesService, AgenciesService];

@Module({})
export class AccountsModule {
  static forRoot(options: AccountsOptions): DynamicModule {
    return {
      module: AccountsModule,
      global: true,
      imports: [JwtModule.register({}), TypeOrmModule.forFeature(ACCOUNTS_ENTITIES)],
      providers: [{ provide: ACCOUNTS_OPTIONS, useValue: options }, ...SERVICES],
      exports: SERVICES,
    };
  }
}
