import { Controller, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { PaymentWebhooksService } from '@vtask/ledger';
import type { Request, Response } from 'express';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/**
 * `POST /webhooks/stripe`: Stripe's signed events. 400 for a missing or bad signature (nothing
 * changes), 200 once the event is processed or was already; 500 when processing failed, so Stripe
 * delivers it again later.
 */
@Controller('webhooks')
export class StripeWebhookController {
  private readonly logger = new Logger('StripeWebhook');

  constructor(private readonly webhooks: PaymentWebhooksService) {}

  @Post('stripe')
  @HttpCode(200)
  async receive(@Req() req: Request, @Res() res: Response): Promise<void> {
    // The raw-body middleware of this route left the exact bytes; anything else cannot be verified.
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const receipt = await this.webhooks.receive(body, req.headers);
      if (receipt.status === 'REFUSED') {
        res.status(400).json({ error: receipt.reason });
        return;
      }
      res.status(200).json({ received: true, duplicate: receipt.status === 'DUPLICATE' });
    } catch (error) {
      this.logger.error(
        `webhook processing failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      res.status(500).json({ error: 'The event could not be processed; it will be retried.' });
    }
  }
}
