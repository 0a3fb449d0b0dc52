import { Inject, Injectable } from '@nestjs/common';
import type { Viewer } from '@vtask/core';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InsightsErrors } from './insights.errors';
import { INSIGHTS_OPTIONS, type InsightsOptions } from './insights.options';
import { ServerKeys } from './server-keys';

/** A conversion key as its merchant sees it: the secret only in the answer that made it. */
export interface ConversionKeyView {
  prefix: string;
  secret: string | null;
  createdAt: Date;
}

/**
 * Merchants' keys for signing conversion reports. The secret is needed to check an HMAC, so it cannot be
 * stored as a one-way hash: it is stored encrypted under a key derived from CONVERSION_KEY_SECRET, which
 * never sits in the database, so a copy of the database alone cannot forge reports.
 */
@Injectable()
export class ConversionKeysService {
  private readonly keys: ServerKeys;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(INSIGHTS_OPTIONS) private readonly options: InsightsOptions,
  ) {
    this.keys = new ServerKeys(options.serverSecret);
  }

  /** A new key for the merchant; the ones before it keep working CONVERSION_KEY_GRACE_S longer. */
  async create(viewer: Viewer): Promise<ConversionKeyView> {
    if (!viewer.merchantId) throw InsightsErrors.notAMerchant();
    const secret = randomBytes(32).toString('hex');
    const row = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        'UPDATE conversion_keys SET superseded_at = now() WHERE merchant_id = $1 AND superseded_at IS NULL',
        [viewer.merchantId],
      );
      const [inserted] = await manager.query(
        `INSERT INTO conversion_keys (merchant_id, prefix, secret_encrypted) VALUES ($1, $2, $3)
         RETURNING created_at`,
        [viewer.merchantId, secret.slice(0, 8), this.keys.encrypt(secret)],
      );
      return inserted as { created_at: Date };
    });
    return { prefix: secret.slice(0, 8), secret, createdAt: row.created_at };
  }

  /** The merchant's keys that still sign, newest first, without their secrets. */
  async list(viewer: Viewer): Promise<ConversionKeyView[]> {
    if (!viewer.merchantId) throw InsightsErrors.notAMerchant();
    const rows: { prefix: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT prefix, created_at FROM conversion_keys WHERE merchant_id = $1 AND ${this.stillValid()}
        ORDER BY created_at DESC, id DESC`,
      [viewer.merchantId, this.options.conversionKeyGraceSeconds],
    );
    return rows.map((row) => ({ prefix: row.prefix, secret: null, createdAt: row.created_at }));
  }

  /** The secrets that may sign a report for the merchant now (the current key and those in their grace). */
  async validSecrets(merchantId: string): Promise<string[]> {
    const rows: { secret_encrypted: string }[] = await this.dataSource.query(
      `SELECT secret_encrypted FROM conversion_keys WHERE merchant_id = $1 AND ${this.stillValid()}`,
      [merchantId, this.options.conversionKeyGraceSeconds],
    );
    return rows.map((row) => this.keys.decrypt(row.secret_encrypted));
  }

  private stillValid(): string {
    return `(superseded_at IS NULL OR superseded_at + make_interval(secs => $2) > now())`;
  }
}
