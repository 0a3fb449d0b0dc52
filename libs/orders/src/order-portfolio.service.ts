import { Injectable } from '@nestjs/common';
import type { Page, PageArgs, Viewer } from '@vtask/core';
import { listPage, timestampKeyset } from '@vtask/database';
import { DataSource } from 'typeorm';
import { OrderEntity } from './entities/order.entity';
import { ReviewDirection, ReviewEntity } from './entities/review.entity';
import { OrdersErrors } from './orders.errors';
import { OrdersService } from './orders.service';

/**
 * A creator's public profile from their orders (SPEC "Finding creators"): the portfolio (orders
 * completed from version 2 on, marked when they complete, unless their merchant hid them) and the
 * merchants' reviews. Only ids and reach leave here for the public; money never does.
 */
@Injectable()
export class OrderPortfolioService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
  ) {}

  /** Newest completion first; the resolver shows each order's accepted deliverable and its reach. */
  portfolioOf(creatorId: string, page: PageArgs): Promise<Page<OrderEntity>> {
    const query = this.dataSource
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where('o.creator_id = :creatorId', { creatorId })
      .andWhere('o.portfolio_completed_at IS NOT NULL')
      .andWhere('NOT o.portfolio_hidden');
    return listPage(
      query,
      page,
      timestampKeyset<OrderEntity>('o', 'portfolio_completed_at', 'DESC', (row) => row.portfolioCompletedAt!),
    );
  }

  /** Merchants' reviews of the creator, newest first. */
  reviewsOf(creatorId: string, page: PageArgs): Promise<Page<ReviewEntity>> {
    const query = this.dataSource
      .getRepository(ReviewEntity)
      .createQueryBuilder('r')
      .where('r.subject_id = :creatorId', { creatorId })
      .andWhere('r.direction = :direction', { direction: ReviewDirection.OF_CREATOR });
    return listPage(
      query,
      page,
      timestampKeyset<ReviewEntity>('r', 'created_at', 'DESC', (row) => row.createdAt),
    );
  }

  /**
   * The merchant shows or hides the order's content in the creator's portfolio, at any time (before
   * completion too, so it never appears). Others who see the order are refused; others get NOT_FOUND.
   */
  async setVisibility(viewer: Viewer, orderId: string, visible: boolean): Promise<OrderEntity> {
    const order = await this.orders.findVisible(viewer, orderId);
    if (!viewer.merchantId || order.merchantId !== viewer.merchantId) throw OrdersErrors.notTheMerchant();
    await this.dataSource
      .getRepository(OrderEntity)
      .update({ id: order.id, merchantId: viewer.merchantId }, { portfolioHidden: !visible });
    return { ...order, portfolioHidden: !visible };
  }
}
