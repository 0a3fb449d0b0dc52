import { Injectable } from '@nestjs/common';
import { Money, type CurrencyCode } from '@vtask/core';
import { DataSource } from 'typeorm';
import { ProviderOperationKind, ProviderOperationStatus } from './ledger.states';

export enum EscrowStatus {
  UNFUNDED = 'UNFUNDED',
  PENDING = 'PENDING',
  HELD = 'HELD',
  RELEASED = 'RELEASED',
  REFUNDED = 'REFUNDED',
  SPLIT = 'SPLIT',
  /** Released except the retention holdback, which stays held until the retention window ends. */
  HOLDBACK_HELD = 'HOLDBACK_HELD',
}

export interface EscrowView {
  status: EscrowStatus;
  held: Money;
  released: Money;
  refunded: Money;
  paymentReference: string | null;
}

interface EscrowRow {
  order_id: string;
  held: string;
  released: string;
  refunded: string;
  settlement: string | null;
  holdback_settlement: string | null;
  funded: boolean;
  charge_status: string | null;
  charge_reference: string | null;
}

/** The escrow of each order (by id, in its currency), read from the ledger (never stored twice) and the provider's charge. */
@Injectable()
export class EscrowViewService {
  constructor(private readonly dataSource: DataSource) {}

  async escrowOf(
    orders: readonly { id: string; currency: CurrencyCode }[],
  ): Promise<Map<string, EscrowView>> {
    if (!orders.length) return new Map();
    const rows: EscrowRow[] = await this.dataSource.query(
      `SELECT o.id AS order_id,
              coalesce(sum(e.amount_minor) FILTER (WHERE e.account = 'escrow:order/' || o.id), 0) AS held,
              coalesce(sum(e.amount_minor) FILTER (WHERE e.kind IN ('RELEASE', 'FEE', 'AGENCY_SHARE') AND e.amount_minor > 0), 0) AS released,
              coalesce(sum(e.amount_minor) FILTER (WHERE e.kind = 'REFUND' AND (e.account LIKE 'external:%' OR e.account LIKE 'merchant/%')), 0) AS refunded,
              (SELECT t.kind FROM ledger_transactions t WHERE t.order_id = o.id AND t.escrow_part = 'MAIN'
                  AND t.kind IN ('RELEASE', 'REFUND', 'SPLIT') LIMIT 1) AS settlement,
              (SELECT t.kind FROM ledger_transactions t WHERE t.order_id = o.id AND t.escrow_part = 'HOLDBACK'
                  AND t.kind IN ('RELEASE', 'REFUND', 'SPLIT') LIMIT 1) AS holdback_settlement,
              EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND') AS funded,
              charge.status AS charge_status,
              charge.provider_reference AS charge_reference
         FROM unnest($1::uuid[]) AS o(id)
         LEFT JOIN ledger_entries e ON e.order_id = o.id
         LEFT JOIN LATERAL (
           SELECT p.status, p.provider_reference FROM provider_operations p
            WHERE p.order_id = o.id AND p.kind = $2 AND p.status <> $3
            ORDER BY p.created_at DESC LIMIT 1
         ) charge ON true
        GROUP BY o.id, charge.status, charge.provider_reference`,
      [orders.map((order) => order.id), ProviderOperationKind.CHARGE, ProviderOperationStatus.FAILED],
    );
    const currencies = new Map(orders.map((order) => [order.id, order.currency]));
    return new Map(
      rows.map((row) => {
        const currency = currencies.get(row.order_id)!;
        return [
          row.order_id,
          {
            status: escrowStatus(row),
            held: Money.of(row.held, currency),
            released: Money.of(row.released, currency),
            refunded: Money.of(row.refunded, currency),
            paymentReference:
              row.charge_status === ProviderOperationStatus.SUCCEEDED ? row.charge_reference : null,
          },
        ];
      }),
    );
  }
}

function escrowStatus(row: EscrowRow): EscrowStatus {
  if (row.settlement === 'RELEASE') {
    // Part of it went back to the merchant when the retention was breached.
    if (row.holdback_settlement === 'REFUND') return EscrowStatus.SPLIT;
    return BigInt(row.held) > 0n ? EscrowStatus.HOLDBACK_HELD : EscrowStatus.RELEASED;
  }
  if (row.settlement === 'REFUND') return EscrowStatus.REFUNDED;
  if (row.settlement === 'SPLIT') return EscrowStatus.SPLIT;
  if (row.funded) return EscrowStatus.HELD;
  if (
    row.charge_status === ProviderOperationStatus.PENDING ||
    row.charge_status === ProviderOperationStatus.REQUIRES_ACTION
  ) {
    return EscrowStatus.PENDING;
  }
  return EscrowStatus.UNFUNDED;
}
