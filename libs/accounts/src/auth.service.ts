import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { verify } from '@node-rs/argon2';
import { InputErrors, Role, type Viewer } from '@vtask/core';
import { uniqueViolation } from '@vtask/database';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountsErrors } from './accounts.errors';
import { ACCOUNTS_OPTIONS, type AccountsOptions } from './accounts.options';
import { checkedAgencyProfile } from './agency-profile';
import { hashPassword } from './password-hash';
import { AgencyEntity } from './entities/agency.entity';
import { CreatorEntity } from './entities/creator.entity';
import { MerchantEntity } from './entities/merchant.entity';
import { UserEntity } from './entities/user.entity';
import { CreatorTier } from './creator-tier';
import { checkedEmail, isBlankPassword, normalizeEmail } from './email';
import { checkFollowerCount } from './follower-count';
import type { SignUpCommand } from './sign-up.command';
import { TagsService } from './tags.service';
import { ViewerCache, type CachedViewer } from './viewer-cache';

export interface AuthResult {
  token: string;
  user: UserEntity;
}

interface TokenClaims {
  sub: string;
  role: Role;
  /**
   * The user's token version when the token was issued; a later change of role or password bumps the
   * version and so revokes the token. Absent in tokens from before versions existed: they count as 1.
   */
  ver?: number;
  /** Seconds since the epoch; every token this service issues has one. */
  exp?: number;
}

/** A verified token: whom it names, and until when it holds. */
export interface TokenSession {
  viewer: Viewer;
  expiresAt: Date | null;
}

export const MIN_PASSWORD_LENGTH = 10;
/**
 * What an admin made at start (ADMIN_EMAIL) is called where admins act: the console is Chinese
 * first, and a display name is shown as stored, in either language.
 */
const ADMIN_DISPLAY_NAME = '平台管理员';
const HANDLE_PATTERN = /^[A-Za-z0-9_-]{3,30}$/;

/** The profile input each role signs up with (ADMIN has none: admins never sign up). */
const PROFILE_OF_ROLE: Partial<Record<Role, 'merchant' | 'creator' | 'agency'>> = {
  [Role.MERCHANT]: 'merchant',
  [Role.CREATOR]: 'creator',
  [Role.AGENCY]: 'agency',
};

/** Names are trimmed before they are stored; one of blanks only would be stored empty. */
function requireText(value: string, field: string): void {
  if (!value.trim()) throw InputErrors.blank(field);
}

/** Sign-up, log-in and bearer tokens. */
@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so a miss costs the same time as a wrong password. */
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly tags: TagsService,
    private readonly viewers: ViewerCache,
    @Inject(ACCOUNTS_OPTIONS) private readonly options: AccountsOptions,
  ) {
    this.decoyHash = hashPassword('decoy-password-never-used');
  }

  async signUp(command: SignUpCommand): Promise<AuthResult> {
    const email = checkedEmail(command.email);
    const profile = await this.checkSignUp(command);
    const passwordHash = await hashPassword(command.password);
    try {
      const user = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(UserEntity, {
            email,
            passwordHash,
            displayName: command.displayName.trim(),
            role: command.role,
          }),
        );
        await profile(manager, saved.id);
        return saved;
      });
      return { token: this.issueToken(user), user };
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'users_email_lower_key') throw AccountsErrors.emailTaken();
      if (constraint === 'creators_handle_lower_key') throw AccountsErrors.handleTaken();
      throw error;
    }
  }

  async logIn(email: string, password: string): Promise<AuthResult> {
    const user = await this.findByEmail(email);
    const ok = await verify(user?.passwordHash ?? (await this.decoyHash), password).catch(() => false);
    if (!user || !ok) throw AccountsErrors.invalidCredentials();
    return { token: this.issueToken(user), user };
  }

  /** The viewer behind a bearer token; UNAUTHENTICATED for a bad signature, another algorithm or expiry. */
  async viewerFromToken(token: string): Promise<Viewer> {
    return (await this.sessionFromToken(token)).viewer;
  }

  /** As viewerFromToken, with the token's expiry: a long-lived connection must end with it. */
  async sessionFromToken(token: string): Promise<TokenSession> {
    let claims: TokenClaims;
    try {
      // Signed and verified with AccountsModule's key (options.jwtSecret).
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw AccountsErrors.invalidToken();
    }
    // Only tokens this service issued verify, but the claims still reach SQL: check their shape anyway.
    if (typeof claims.sub !== 'string' || !isUUID(claims.sub)) throw AccountsErrors.invalidToken();
    const version = claims.ver ?? 1;
    if (!Number.isInteger(version)) throw AccountsErrors.invalidToken();
    const userId = claims.sub;
    const current = await this.viewers.get(userId, () => this.loadViewer(userId));
    if (!current) throw AccountsErrors.invalidToken();
    if (current.tokenVersion !== version) throw AccountsErrors.revokedToken();
    return {
      viewer: current.viewer,
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    };
  }

  /**
   * Creates the configured admin, or resets its password: configuration is the source of truth for the
   * admin's password. It never promotes an existing account of another role: there is no e-mail
   * verification, so whoever registered the address first (not necessarily the operator) would become
   * admin, with the tokens they already hold.
   */
  async ensureAdmin(email: string, password: string): Promise<UserEntity> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw AccountsErrors.adminPasswordTooShort(MIN_PASSWORD_LENGTH);
    }
    const users = this.dataSource.getRepository(UserEntity);
    const update = async (existing: UserEntity) => {
      if (existing.role !== Role.ADMIN) throw AccountsErrors.adminEmailTaken(existing.email, existing.role);
      // The same password keeps its hash (a new salt would be a change): the admin's sign-ins survive a
      // restart, and end only when ADMIN_PASSWORD really changes.
      if (await verify(existing.passwordHash, password).catch(() => false)) return existing;
      const passwordHash = await hashPassword(password);
      await users.update({ id: existing.id }, { passwordHash });
      return await users.findOneByOrFail({ id: existing.id });
    };
    const existing = await this.findByEmail(email);
    if (existing) return update(existing);
    try {
      return await users.save({
        email: email.trim(),
        passwordHash: await hashPassword(password),
        displayName: ADMIN_DISPLAY_NAME,
        role: Role.ADMIN,
      });
    } catch (error) {
      // Two instances starting at once on an empty database both create it; the second one updates.
      if (uniqueViolation(error) !== 'users_email_lower_key') throw error;
      return update((await this.findByEmail(email))!);
    }
  }

  issueToken(user: Pick<UserEntity, 'id' | 'role' | 'tokenVersion'>): string {
    const claims: TokenClaims = { sub: user.id, role: user.role, ver: user.tokenVersion ?? 1 };
    return this.jwt.sign(claims, {
      algorithm: 'HS256',
      expiresIn: this.options.tokenTtlSeconds,
    });
  }

  /** By the normalized address, case aside: `ａ@x.com` and `a@X.com` name the account of `a@x.com`. */
  private findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: normalizeEmail(email) })
      .getOne();
  }

  /** The viewer for a user id (role and profile ids), or null if there is no such user. */
  async viewerFor(userId: string): Promise<Viewer | null> {
    return (await this.loadViewer(userId))?.viewer ?? null;
  }

  /** One query: the viewer and the token version its tokens must carry. */
  private async loadViewer(userId: string): Promise<CachedViewer | null> {
    const rows: {
      role: Role;
      token_version: number;
      merchant_id: string | null;
      creator_id: string | null;
      agency_id: string | null;
    }[] = await this.dataSource.query(
      `SELECT u.role, u.token_version, m.id AS merchant_id, c.id AS creator_id, a.id AS agency_id
           FROM users u
           LEFT JOIN merchants m ON m.user_id = u.id
           LEFT JOIN creators c ON c.user_id = u.id
           LEFT JOIN agencies a ON a.user_id = u.id
          WHERE u.id = $1`,
      [userId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      viewer: {
        userId,
        role: row.role,
        merchantId: row.merchant_id,
        creatorId: row.creator_id,
        agencyId: row.agency_id,
      },
      tokenVersion: row.token_version,
    };
  }

  /**
   * Checks the sign-up rules that need no write, and returns the step that creates the role's
   * profile inside the user's transaction.
   */
  private async checkSignUp(
    command: SignUpCommand,
  ): Promise<(manager: EntityManager, userId: string) => Promise<unknown>> {
    if (command.password.length < MIN_PASSWORD_LENGTH) {
      throw AccountsErrors.passwordTooShort(MIN_PASSWORD_LENGTH);
    }
    if (isBlankPassword(command.password)) {
      throw AccountsErrors.blankPassword();
    }
    requireText(command.displayName, 'displayName');
    // A profile for another role would be dropped without a word; say so instead.
    const ownProfile = PROFILE_OF_ROLE[command.role];
    if (ownProfile) {
      for (const other of Object.values(PROFILE_OF_ROLE)) {
        if (other !== ownProfile && command[other]) {
          throw AccountsErrors.foreignProfile(other, command.role);
        }
      }
    }
    switch (command.role) {
      case Role.MERCHANT: {
        const merchant = command.merchant;
        if (!merchant) throw AccountsErrors.profileMissing('merchant');
        requireText(merchant.shopName, 'merchant.shopName');
        const industry = merchant.industry
          ? (await this.tags.validate([merchant.industry], 'merchant.industry', 1, 1))[0]
          : null;
        return (manager, userId) =>
          manager.save(
            manager.create(MerchantEntity, {
              userId,
              shopName: merchant.shopName.trim(),
              industrySlug: industry,
            }),
          );
      }
      case Role.CREATOR: {
        const creator = command.creator;
        if (!creator) throw AccountsErrors.profileMissing('creator');
        if (!HANDLE_PATTERN.test(creator.handle)) {
          throw AccountsErrors.badHandle();
        }
        checkFollowerCount(creator.followerCount, 'creator.followerCount');
        const domainTags = await this.tags.validate(creator.domainTags, 'creator.domainTags');
        return (manager, userId) =>
          manager.save(
            manager.create(CreatorEntity, {
              userId,
              handle: creator.handle,
              bio: creator.bio?.trim() || null,
              tier: CreatorTier.ORDINARY,
              domainTags,
              channels: [...new Set(creator.channels)],
              followerCount: creator.followerCount,
              agencyId: null,
            }),
          );
      }
      case Role.AGENCY: {
        const agency = command.agency;
        if (!agency) throw AccountsErrors.profileMissing('agency');
        const profile = checkedAgencyProfile(agency, 'agency.');
        return (manager, userId) => manager.save(manager.create(AgencyEntity, { userId, ...profile }));
      }
      default:
        throw AccountsErrors.signUpRole();
    }
  }
}
