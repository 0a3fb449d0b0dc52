import { Injectable } from '@nestjs/common';
import { InputErrors, type Viewer } from '@vtask/core';
import { DataSource, In } from 'typeorm';
import { AccountsErrors } from './accounts.errors';
import { checkedAgencyProfile, type AgencyProfile } from './agency-profile';
import { AgencyEntity } from './entities/agency.entity';
import { CreatorEntity } from './entities/creator.entity';
import { MerchantEntity } from './entities/merchant.entity';
import { UserEntity } from './entities/user.entity';
import { checkedLinkDomains } from './link-domains';
import { TagsService } from './tags.service';

/** Users, merchants and agencies by id (the batch functions behind the API's loaders). */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
  ) {}

  usersByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.byIds(UserEntity, ids);
  }

  merchantsByIds(ids: readonly string[]): Promise<MerchantEntity[]> {
    return this.byIds(MerchantEntity, ids);
  }

  agenciesByIds(ids: readonly string[]): Promise<AgencyEntity[]> {
    return this.byIds(AgencyEntity, ids);
  }

  creatorsByIds(ids: readonly string[]): Promise<CreatorEntity[]> {
    return this.byIds(CreatorEntity, ids);
  }

  merchantsByUserIds(userIds: readonly string[]): Promise<MerchantEntity[]> {
    return this.byUserIds(MerchantEntity, userIds);
  }

  creatorsByUserIds(userIds: readonly string[]): Promise<CreatorEntity[]> {
    return this.byUserIds(CreatorEntity, userIds);
  }

  agenciesByUserIds(userIds: readonly string[]): Promise<AgencyEntity[]> {
    return this.byUserIds(AgencyEntity, userIds);
  }

  /** The merchant, creator or agency profiles of these users. */
  private async byUserIds<E extends { userId: string }>(
    entity: new () => E,
    userIds: readonly string[],
  ): Promise<E[]> {
    if (!userIds.length) return [];
    return this.dataSource.getRepository(entity).findBy({ userId: In([...userIds]) } as never);
  }

  async findUser(id: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw AccountsErrors.userNotFound();
    return user;
  }

  async updateMerchantProfile(
    viewer: Viewer,
    shopName: string,
    industry?: string | null,
    linkDomains?: readonly string[] | null,
  ): Promise<MerchantEntity> {
    if (!viewer.merchantId) throw AccountsErrors.notAMerchant();
    // Trimmed before it is stored: blanks only would leave the shop without a name.
    if (!shopName.trim()) throw InputErrors.blank('shopName');
    const changes: Partial<MerchantEntity> = { shopName: shopName.trim() };
    // Left out keeps the industry; null clears it (as in updateCreatorProfile).
    if (industry !== undefined) {
      changes.industrySlug = industry ? (await this.tags.validate([industry], 'industry', 1, 1))[0] : null;
    }
    // Left out (or null) keeps the hosts; a list replaces them.
    if (linkDomains) changes.linkDomains = checkedLinkDomains(linkDomains);
    const repository = this.dataSource.getRepository(MerchantEntity);
    await repository.update({ id: viewer.merchantId }, changes);
    return repository.findOneByOrFail({ id: viewer.merchantId });
  }

  /**
   * The agency's name and share. The share applies to orders created from now on: each order fixed
   * its agency share when it was made.
   */
  async updateAgencyProfile(viewer: Viewer, profile: AgencyProfile): Promise<AgencyEntity> {
    if (!viewer.agencyId) throw AccountsErrors.notAnAgency();
    const repository = this.dataSource.getRepository(AgencyEntity);
    await repository.update({ id: viewer.agencyId }, checkedAgencyProfile(profile));
    return repository.findOneByOrFail({ id: viewer.agencyId });
  }

  private async byIds<E extends { id: string }>(entity: new () => E, ids: readonly string[]): Promise<E[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
  }
}
