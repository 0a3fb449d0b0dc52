import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TimersService } from '@vtask/jobs';
import { RECOVER_PAYMENT } from './payment-recovery.timer';
import { PaymentsService } from './payments.service';

/** Runs the recovery timer of charges and refunds. */
@Injectable()
export class PaymentRecoveryHandler implements OnModuleInit {
  constructor(
    private readonly timers: TimersService,
    private readonly payments: PaymentsService,
  ) {}

  onModuleInit(): void {
    this.timers.handle<{ operationId: string }>(RECOVER_PAYMENT, ({ operationId }) =>
      this.payments.recover(operationId),
    );
  }
}
