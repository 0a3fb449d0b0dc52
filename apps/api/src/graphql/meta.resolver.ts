import { Query, Resolver } from '@nestjs/graphql';
import { ErrorCode } from '@vtask/core';
import { Public } from './auth.decorators';

@Public()
@Resolver()
export class MetaResolver {
  @Query(() => [ErrorCode], {
    description: 'Every value `extensions.code` can take on an error, so clients can handle each one.',
  })
  errorCodes(): ErrorCode[] {
    return Object.values(ErrorCode);
  }
}
