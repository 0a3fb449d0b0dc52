import { Injectable } from '@nestjs/common';
import type { AgencyEntity, AgencyInvitationNotifier, CreatorEntity } from '@vtask/accounts';
import type { EntityManager } from 'typeorm';
import { NotificationType } from './notification-type';
import { NotificationsService } from './notifications.service';

/** The creator hears of an agency's invitation in its transaction (accounts' AGENCY_INVITATION_NOTIFIER). */
@Injectable()
export class AgencyInvitationNotifications implements AgencyInvitationNotifier {
  constructor(private readonly notifications: NotificationsService) {}

  async invited(manager: EntityManager, agency: AgencyEntity, creator: CreatorEntity): Promise<void> {
    const share = agency.revenueShareBps / 100;
    await this.notifications.notify(manager, {
      userId: creator.userId,
      type: NotificationType.AGENCY_INVITATION,
      params: { agency: agency.name, sharePercent: share },
    });
  }
}
