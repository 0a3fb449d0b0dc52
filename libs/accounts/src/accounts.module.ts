import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { configuredModule } from '@vtask/database';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from './accounts.options';
import { AgenciesService } from './agencies.service';
import { AuthService } from './auth.service';
import { CreatorsService } from './creators.service';
import { ACCOUNTS_ENTITIES } from './entities';
import { ProfilesService } from './profiles.service';
import { TagsService } from './tags.service';
import { ViewerCache } from './viewer-cache';

const SERVICES = [AuthService, TagsService, CreatorsService, ProfilesService, AgenciesService, ViewerCache];

/** Accounts: import it where its services are needed (it is not global); configured by `forRoot`. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ACCOUNTS_OPTIONS],
      useFactory: (options: AccountsOptions) => {
        // The signing key as a KeyObject, made once: given a string, jsonwebtoken first tries to read
        // it as a public key and builds a secret key from it only after that throws, on every request.
        const signingKey = createSecretKey(Buffer.from(options.jwtSecret));
        return { secretOrKeyProvider: () => signingKey };
      },
    }),
    TypeOrmModule.forFeature(ACCOUNTS_ENTITIES),
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class AccountsModule {
  /** For the composition root (apps/api/src/domain.modules.ts). */
  static forRoot(options: AccountsOptions): DynamicModule {
    return configuredModule(AccountsModule, [{ provide: ACCOUNTS_OPTIONS, useValue: options }]);
  }
}
