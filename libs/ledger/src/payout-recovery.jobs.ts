import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TimersService } from '@vtask/jobs';
import { PayoutsService, RECOVER_PAYOUT } from './payouts.service';

/** Runs the payout recovery timer that PayoutsService writes with each payout. */
@Injectable()
export class PayoutRecoveryHandler implements OnModuleInit {
  constructor(
    private readonly timers: TimersService,
    private readonly payouts: PayoutsService,
  ) {}

  onModuleInit(): void {
    // settle() does nothing for a payout that is no longer PENDING, and throws (so pg-boss retries it)
    // only when the provider cannot be reached.
    this.timers.handle<{ payoutId: string }>(RECOVER_PAYOUT, async ({ payoutId }) => {
      await this.payouts.settle(payoutId);
    });
  }
}
