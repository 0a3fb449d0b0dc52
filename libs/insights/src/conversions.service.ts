import { Inject, Injectable } from '@nestjs/common';
import { CurrencyCode, DomainError, Money } from '@vtask/core';
import { isUUID } from 'class-validator';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClickRecorderService } from './click-recorder.service';
import { ConversionKeysService } from './conversion-keys.service';
import { InsightsErrors } from './insights.errors';
import { INSIGHTS_OPTIONS, type InsightsOptions } from './insights.options';

/** A signature's timestamp may be this far from the server's clock (as Stripe's webhooks). */
export const SIGNATURE_TOLERANCE_S = 300;
const SHOP_ORDER_ID_MAX = 200;
/** One sale: far above any real one, far below the column's range. */
const MAX_AMOUNT_MINOR = 10n ** 13n;
/** A shop's clock may run a little ahead of ours: a sale this much before its click still counts. */
const CLOCK_SKEW_MS = SIGNATURE_TOLERANCE_S * 1000;

export interface ConversionReceipt {
  /** False when the shop order was reported before: it counts once. */
  recorded: boolean;
  conversionId: string;
}

interface ConversionReport {
  clickId: string | null;
  code: string | null;
  shopOrderId: string;
  amount: Money;
  occurredAt: Date;
}

interface AttributedLink {
  link_id: string;
  merchant_id: string;
  currency: CurrencyCode;
  click_id: string | null;
  clicked_at: Date | null;
}

/**
 * `POST /conversions` (SPEC "Effect you can trust"): a sale the merchant's shop reports, signed with the
 * merchant's conversion key over "t.body". Every refusal is a DomainError and stores nothing.
 */
@Injectable()
export class ConversionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ConversionKeysService,
    private readonly clicks: ClickRecorderService,
    @Inject(INSIGHTS_OPTIONS) private readonly options: InsightsOptions,
  ) {}

  async report(body: Buffer, signatureHeader: string | undefined): Promise<ConversionReceipt> {
    const signature = parseSignature(signatureHeader);
    if (Math.abs(Date.now() / 1000 - signature.timestamp) > SIGNATURE_TOLERANCE_S) {
      throw InsightsErrors.staleSignature(SIGNATURE_TOLERANCE_S);
    }
    const report = parseReport(body);
    const link = await this.attributedLink(report);
    if (!link) throw InsightsErrors.unknownLink();
    const secrets = await this.keys.validSecrets(link.merchant_id);
    const signed = `${signature.timestamp}.${body.toString('utf8')}`;
    if (!secrets.some((secret) => signature.v1.some((candidate) => matches(secret, signed, candidate)))) {
      throw InsightsErrors.badSignature();
    }
    if (report.amount.currency !== link.currency) throw InsightsErrors.currencyMismatch(link.currency);
    if (link.clicked_at) {
      const since = report.occurredAt.getTime() - link.clicked_at.getTime();
      if (since < -CLOCK_SKEW_MS || since > this.options.attributionWindowSeconds * 1000) {
        throw InsightsErrors.outsideAttributionWindow(this.options.attributionWindowSeconds);
      }
    }
    const [inserted] = await this.dataSource.query(
      `INSERT INTO link_conversions (link_id, click_id, merchant_id, shop_order_id, amount_minor, currency, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (merchant_id, shop_order_id) DO NOTHING RETURNING id::text`,
      [
        link.link_id,
        link.click_id,
        link.merchant_id,
        report.shopOrderId,
        report.amount.minor.toString(),
        report.amount.currency,
        report.occurredAt.toISOString(),
      ],
    );
    if (inserted) return { recorded: true, conversionId: inserted.id };
    const [existing] = await this.dataSource.query(
      'SELECT id::text FROM link_conversions WHERE merchant_id = $1 AND shop_order_id = $2',
      [link.merchant_id, report.shopOrderId],
    );
    return { recorded: false, conversionId: existing.id };
  }

  /** The link (and click) the report names; a click of the last second may still be in this instance's buffer. */
  private async attributedLink(report: ConversionReport): Promise<AttributedLink | null> {
    if (report.code !== null) {
      const [row] = await this.dataSource.query(
        `SELECT id::text AS link_id, merchant_id::text, currency, NULL AS click_id, NULL AS clicked_at
           FROM tracking_links WHERE code = $1`,
        [report.code],
      );
      return row ?? null;
    }
    const find = async (): Promise<AttributedLink | null> => {
      const [row] = await this.dataSource.query(
        `SELECT l.id::text AS link_id, l.merchant_id::text, l.currency, c.id::text AS click_id, c.clicked_at
           FROM link_clicks c JOIN tracking_links l ON l.id = c.link_id WHERE c.id = $1`,
        [report.clickId],
      );
      return row ?? null;
    };
    const found = await find();
    if (found) return found;
    await this.clicks.flush();
    return find();
  }
}

function parseSignature(header: string | undefined): { timestamp: number; v1: string[] } {
  const parts = (header ?? '').split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  const v1 = parts
    .filter(([name, value]) => name === 'v1' && /^[0-9a-f]{64}$/i.test(value ?? ''))
    .map(([, v]) => v);
  if (!Number.isInteger(timestamp) || !v1.length) throw InsightsErrors.badSignature();
  return { timestamp, v1 };
}

/** Constant time: an attacker learns nothing from how long a wrong signature takes to refuse. */
function matches(secret: string, signed: string, candidate: string): boolean {
  const expected = createHmac('sha256', secret).update(signed).digest();
  const given = Buffer.from(candidate, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseReport(body: Buffer): ConversionReport {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw InsightsErrors.reportNotJson();
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw InsightsErrors.reportNotJson();
  }
  const text = (name: string) => (typeof json[name] === 'string' ? (json[name] as string) : null);
  const clickId = text('clickId');
  const code = text('code');
  if ((clickId === null) === (code === null)) {
    throw InsightsErrors.reportClickOrCode();
  }
  if (clickId !== null && !isUUID(clickId)) throw InsightsErrors.unknownLink();
  const shopOrderId = text('shopOrderId')?.trim() ?? '';
  if (!shopOrderId || shopOrderId.length > SHOP_ORDER_ID_MAX || hasControlCharacter(shopOrderId)) {
    throw InsightsErrors.reportShopOrderId();
  }
  const currency = text('currency');
  if (!currency || !(Object.values(CurrencyCode) as string[]).includes(currency)) {
    throw InsightsErrors.reportCurrency();
  }
  const amountText = typeof json.amount === 'number' ? String(json.amount) : text('amount');
  let amount: Money;
  try {
    amount = Money.fromDecimal(amountText ?? '', currency as CurrencyCode, 'amount');
  } catch (error) {
    if (error instanceof DomainError) {
      throw InsightsErrors.reportAmount();
    }
    throw error;
  }
  if (amount.minor <= 0n || amount.minor > MAX_AMOUNT_MINOR) {
    throw InsightsErrors.reportAmount();
  }
  const occurredAt = new Date(text('occurredAt') ?? '');
  if (Number.isNaN(occurredAt.getTime())) {
    throw InsightsErrors.reportOccurredAt();
  }
  return { clickId, code, shopOrderId, amount, occurredAt };
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}
