import { Injectable } from '@nestjs/common';
import { type DomainError, inputErrors, InputErrors, Role, type Money, type Viewer } from '@vtask/core';
import { OrdersService } from '@vtask/orders';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import type { ContentPerformance } from './content-performance';
import { InsightsErrors } from './insights.errors';
import { PerformanceService } from './performance.service';

export interface RecordContentMetricsCommand {
  deliverableId: string;
  /** YYYY-MM-DD. */
  day: string;
  views: number;
  clicks: number;
  favorites: number;
  addToCarts: number;
  orders: number;
  gmv: Money;
}

const COUNTS = ['views', 'clicks', 'favorites', 'addToCarts', 'orders'] as const;
const MAX_INT = 2_147_483_647;
const DAY_MS = 86_400_000;

/** Daily figures of delivered content (SPEC "Effect"), recorded by the order's creator or an admin. */
@Injectable()
export class ContentMetricsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly performance: PerformanceService,
  ) {}

  /** Stores (or replaces) one deliverable's day and returns the order's performance. */
  async record(viewer: Viewer, command: RecordContentMetricsCommand): Promise<ContentPerformance> {
    const problems: DomainError[] = [];
    for (const field of COUNTS) {
      const value = command[field];
      if (!Number.isInteger(value) || value < 0 || value > MAX_INT)
        problems.push(InsightsErrors.notACount(field));
    }
    if (command.gmv.minor < 0n) problems.push(InputErrors.negative('gmv.amount'));
    const day = parseDay(command.day);
    if (!day) problems.push(InsightsErrors.notADay());
    if (problems.length) throw inputErrors(problems);

    const deliverable = isUUID(command.deliverableId)
      ? await this.orders.deliverable(command.deliverableId)
      : null;
    if (!deliverable) throw InsightsErrors.deliverableNotFound();
    const [order] = await this.orders.byIds([deliverable.orderId]);
    if (viewer.role !== Role.ADMIN && order.creatorId !== viewer.creatorId) {
      // The order's merchant or agency may know the deliverable; anyone else learns nothing.
      throw this.orders.canSee(viewer, order)
        ? InsightsErrors.notTheCreator()
        : InsightsErrors.deliverableNotFound();
    }
    if (command.gmv.currency !== order.currency) {
      throw InputErrors.wrongCurrency('gmv.currencyCode', 'order', order.currency);
    }
    // A day a few hours ahead of UTC is today somewhere; before the order existed there was no content.
    const earliest = utcDay(order.createdAt.getTime() - DAY_MS);
    const latest = utcDay(Date.now() + DAY_MS);
    if (day! < earliest || day! > latest) {
      throw InsightsErrors.dayOutOfRange(earliest);
    }

    await this.dataSource.query(
      `INSERT INTO content_metrics
         (deliverable_id, order_id, day, views, clicks, favorites, add_to_carts, order_count, currency, gmv_minor,
          recorded_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (deliverable_id, day) DO UPDATE SET
         views = EXCLUDED.views, clicks = EXCLUDED.clicks, favorites = EXCLUDED.favorites,
         add_to_carts = EXCLUDED.add_to_carts, order_count = EXCLUDED.order_count, gmv_minor = EXCLUDED.gmv_minor,
         recorded_by_user_id = EXCLUDED.recorded_by_user_id, updated_at = now()`,
      [
        deliverable.id,
        order.id,
        day,
        command.views,
        command.clicks,
        command.favorites,
        command.addToCarts,
        command.orders,
        order.currency,
        command.gmv.minor.toString(),
        viewer.userId,
      ],
    );
    return (await this.performance.ofOrders([order.id])).get(order.id)!;
  }
}

/** The date if `text` is a real calendar day written YYYY-MM-DD (so 2026-02-30 is not). */
function parseDay(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && utcDay(time) === text ? text : null;
}

function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
