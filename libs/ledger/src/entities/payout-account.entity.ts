import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A wallet's account at the payment provider (a Stripe Express connected account): payouts are
 * transferred there once the provider lets it receive money. One per wallet and provider.
 */
@Entity('payout_accounts')
@Index(['provider', 'walletAccount'], { unique: true })
@Index(['provider', 'reference'], { unique: true })
export class PayoutAccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  provider: string;

  /** The wallet paid out from, e.g. creator/<id>. */
  @Column({ type: 'varchar', length: 100 })
  walletAccount: string;

  /** The provider's id of the account (acct_... for Stripe). */
  @Column({ type: 'varchar', length: 255 })
  reference: string;

  /** The provider accepts transfers to it (onboarding finished and checked). */
  @Column({ type: 'boolean', default: false })
  ready: boolean;

  /** When the provider created the event that last set `ready`: an older event never undoes a newer one. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readyAsOf: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
