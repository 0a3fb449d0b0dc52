import { AgencyResolver } from './accounts/agency.resolver';
import { AuthResolver } from './accounts/auth.resolver';
import { CreatorResolver } from './accounts/creator.resolver';
import { DomainTagResolver } from './accounts/domain-tag.resolver';
import { MerchantResolver } from './accounts/merchant.resolver';
import { UserResolver } from './accounts/user.resolver';
import { MetaResolver } from './graphql/meta.resolver';

/** Every resolver of the API: the served schema and the committed schema.gql are built from this list. */
export const RESOLVERS = [
  MetaResolver,
  AuthResolver,
  UserResolver,
  DomainTagResolver,
  MerchantResolver,
  CreatorResolver,
  AgencyResolver,
];
