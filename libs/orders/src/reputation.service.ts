import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReviewDirection } from './entities/review.entity';

export interface CreatorStats {
  creatorId: string;
  completedOrders: number;
  /** Share of completed orders whose first delivery came by deliverBy; null before the first. */
  onTimeRate: number | null;
  averageRating: number | null;
  /** Orders the creator cancelled, or that were cancelled because they missed deliverBy. */
  cancelledByCreator: number;
  /** Orders whose first delivery came after deliverBy. */
  lateDeliveries: number;
}

/** Track records from orders and reviews, batched for lists of creators or merchants. */
@Injectable()
export class ReputationService {
  constructor(private readonly dataSource: DataSource) {}

  async creatorStats(creatorIds: readonly string[]): Promise<CreatorStats[]> {
    if (!creatorIds.length) return [];
    const rows: {
      creator_id: string;
      completed: string;
      on_time: string;
      rating: string | null;
      cancelled: string;
      late: string;
    }[] = await this.dataSource.query(
      `SELECT c.id AS creator_id,
                count(o.id) AS completed,
                count(o.id) FILTER (WHERE first_delivery.at <= o.deliver_by) AS on_time,
                (SELECT avg(r.rating) FROM reviews r WHERE r.subject_id = c.id AND r.direction = $2) AS rating,
                (SELECT count(*) FROM orders x WHERE x.creator_id = c.id AND x.cancelled_by_creator) AS cancelled,
                (SELECT count(*) FROM orders x
                  WHERE x.creator_id = c.id
                    AND (SELECT min(d.submitted_at) FROM deliverables d WHERE d.order_id = x.id) > x.deliver_by) AS late
           FROM unnest($1::uuid[]) AS c(id)
           LEFT JOIN orders o ON o.creator_id = c.id AND o.status = 'COMPLETED'
           LEFT JOIN LATERAL (SELECT min(d.submitted_at) AS at FROM deliverables d WHERE d.order_id = o.id) first_delivery ON true
          GROUP BY c.id`,
      [creatorIds, ReviewDirection.OF_CREATOR],
    );
    return rows.map((row) => {
      const completed = Number(row.completed);
      return {
        creatorId: row.creator_id,
        completedOrders: completed,
        onTimeRate: completed ? Number(row.on_time) / completed : null,
        averageRating: row.rating === null ? null : Number(row.rating),
        cancelledByCreator: Number(row.cancelled),
        lateDeliveries: Number(row.late),
      };
    });
  }

  /** Average rating merchants got from creators, by merchant id (absent: no review yet). */
  async merchantRatings(merchantIds: readonly string[]): Promise<Map<string, number>> {
    if (!merchantIds.length) return new Map();
    const rows: { subject_id: string; rating: string }[] = await this.dataSource.query(
      `SELECT subject_id, avg(rating) AS rating FROM reviews WHERE subject_id = ANY($1) AND direction = $2 GROUP BY subject_id`,
      [merchantIds, ReviewDirection.OF_MERCHANT],
    );
    return new Map(rows.map((row) => [row.subject_id, Number(row.rating)]));
  }
}
