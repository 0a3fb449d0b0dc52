import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  AgenciesService,
  type AgencyEntity,
  type AgencyInvitationNotifier,
  type CreatorEntity,
} from '@vtask/accounts';
import type { EntityManager } from 'typeorm';
import { NotificationType } from './notification-type';
import { NotificationsService } from './notifications.service';

/** The creator hears of an agency's invitation in its transaction (registered with accounts at boot). */
@Injectable()
export class AgencyInvitationNotifications implements AgencyInvitationNotifier, OnModuleInit {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly agencies: AgenciesService,
  ) {}

  onModuleInit(): void {
    this.agencies.useInvitationNotifier(this);
  }

  async invited(manager: EntityManager, agency: AgencyEntity, creator: CreatorEntity): Promise<void> {
    const share = agency.revenueShareBps / 100;
    await this.notifications.notify(manager, {
      userId: creator.userId,
      type: NotificationType.AGENCY_INVITATION,
      params: { agency: agency.name, sharePercent: share },
    });
  }
}
