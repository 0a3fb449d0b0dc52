import { Injectable } from '@nestjs/common';
import { Role, type Viewer } from '@vtask/core';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountsErrors } from './accounts.errors';
import { AgencyEntity } from './entities/agency.entity';
import { AgencyInvitationEntity } from './entities/agency-invitation.entity';
import { CreatorEntity } from './entities/creator.entity';

/**
 * Tells whether a creator has orders in progress. The orders lib registers it
 * (`AgenciesService.useActiveWork`); accounts cannot import orders, which depends on accounts.
 */
export interface CreatorActiveWork {
  hasOrdersInProgress(manager: EntityManager, creatorId: string): Promise<boolean>;
}

/**
 * Tells a creator that an agency invited them. The notifications lib registers it
 * (`AgenciesService.useInvitationNotifier`); accounts cannot import notifications, which depends on it.
 */
export interface AgencyInvitationNotifier {
  /** Written in the invitation's transaction. */
  invited(manager: EntityManager, agency: AgencyEntity, creator: CreatorEntity): Promise<void>;
}

/**
 * Agency membership: an agency invites, the creator sees the invitation and joins or declines;
 * leaving or switching waits for open orders.
 */
@Injectable()
export class AgenciesService {
  private activeWork: CreatorActiveWork | null = null;
  private notifier: AgencyInvitationNotifier | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** For the orders lib, at boot: membership changes wait for the creator's orders in progress. */
  useActiveWork(activeWork: CreatorActiveWork): void {
    this.activeWork = activeWork;
  }

  /** For the notifications lib, at boot: the creator hears of an invitation. */
  useInvitationNotifier(notifier: AgencyInvitationNotifier): void {
    this.notifier = notifier;
  }

  async findById(id: string): Promise<AgencyEntity> {
    const agency = await this.dataSource.getRepository(AgencyEntity).findOneBy({ id });
    if (!agency) throw AccountsErrors.agencyNotFound();
    return agency;
  }

  async invite(viewer: Viewer, creatorId: string): Promise<AgencyEntity> {
    if (!viewer.agencyId) throw AccountsErrors.onlyAgenciesInvite();
    const creator = await this.dataSource.getRepository(CreatorEntity).findOneBy({ id: creatorId });
    if (!creator) throw AccountsErrors.creatorNotFound();
    if (creator.agencyId === viewer.agencyId) throw AccountsErrors.alreadyYourMember();
    const agencyId = viewer.agencyId;
    return this.dataSource.transaction(async (manager) => {
      // Inviting again while one is pending changes nothing and tells the creator nothing new.
      const inserted = await manager
        .getRepository(AgencyInvitationEntity)
        .createQueryBuilder()
        .insert()
        .values({ agencyId, creatorId })
        .orIgnore()
        .returning(['creatorId'])
        .execute();
      const agency = await manager.getRepository(AgencyEntity).findOneByOrFail({ id: agencyId });
      if ((inserted.raw as unknown[]).length && this.notifier)
        await this.notifier.invited(manager, agency, creator);
      return agency;
    });
  }

  /** The signed-in creator's pending invitations, newest first. */
  async invitationsForCreator(viewer: Viewer): Promise<AgencyInvitationEntity[]> {
    const creatorId = this.requireCreator(viewer);
    return this.dataSource.getRepository(AgencyInvitationEntity).find({
      where: { creatorId },
      order: { createdAt: 'DESC' },
    });
  }

  /** The creators an agency has invited and who have not answered: for that agency and admins. */
  async pendingInvitationsOf(viewer: Viewer, agencyId: string): Promise<AgencyInvitationEntity[]> {
    if (viewer.role !== Role.ADMIN && viewer.agencyId !== agencyId) throw AccountsErrors.notYourInvitations();
    return this.dataSource.getRepository(AgencyInvitationEntity).find({
      where: { agencyId },
      order: { createdAt: 'DESC' },
    });
  }

  /** The creator turns an invitation down; the agency may invite again later. */
  async decline(viewer: Viewer, agencyId: string): Promise<void> {
    const creatorId = this.requireCreator(viewer);
    const deleted = await this.dataSource
      .getRepository(AgencyInvitationEntity)
      .delete({ agencyId, creatorId });
    if (!deleted.affected) throw AccountsErrors.invitationNotFound();
  }

  async join(viewer: Viewer, agencyId: string): Promise<CreatorEntity> {
    const creatorId = this.requireCreator(viewer);
    return this.dataSource.transaction(async (manager) => {
      const creator = await this.lockCreator(manager, creatorId);
      if (creator.agencyId === agencyId) throw AccountsErrors.alreadyInThisAgency();
      if (creator.agencyId) throw AccountsErrors.alreadyInAgency();
      const invitation = await manager
        .getRepository(AgencyInvitationEntity)
        .findOneBy({ agencyId, creatorId });
      if (!invitation) {
        const exists = await manager.getRepository(AgencyEntity).existsBy({ id: agencyId });
        throw exists ? AccountsErrors.notInvited() : AccountsErrors.agencyNotFound();
      }
      await this.assertNoOrdersInProgress(manager, creatorId);
      await manager.getRepository(AgencyInvitationEntity).delete({ agencyId, creatorId });
      await manager.getRepository(CreatorEntity).update({ id: creatorId }, { agencyId });
      return { ...creator, agencyId };
    });
  }

  async leave(viewer: Viewer): Promise<CreatorEntity> {
    const creatorId = this.requireCreator(viewer);
    return this.dataSource.transaction(async (manager) => {
      const creator = await this.lockCreator(manager, creatorId);
      if (!creator.agencyId) throw AccountsErrors.notInAgency();
      await this.assertNoOrdersInProgress(manager, creatorId);
      await manager.getRepository(CreatorEntity).update({ id: creatorId }, { agencyId: null });
      return { ...creator, agencyId: null };
    });
  }

  private requireCreator(viewer: Viewer): string {
    if (!viewer.creatorId) throw AccountsErrors.onlyCreatorsJoin();
    return viewer.creatorId;
  }

  private async lockCreator(manager: EntityManager, creatorId: string): Promise<CreatorEntity> {
    const creator = await manager
      .getRepository(CreatorEntity)
      .findOne({ where: { id: creatorId }, lock: { mode: 'pessimistic_write' } });
    if (!creator) throw AccountsErrors.creatorNotFound();
    return creator;
  }

  /** The agency's share is fixed on each order when it is created, so membership waits for open work. */
  private async assertNoOrdersInProgress(manager: EntityManager, creatorId: string): Promise<void> {
    if (this.activeWork && (await this.activeWork.hasOrdersInProgress(manager, creatorId))) {
      throw AccountsErrors.activeOrders();
    }
  }
}
