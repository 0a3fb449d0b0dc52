import type { MerchantEntity } from '@vtask/accounts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * A merchant's key for signing conversion reports. HMAC verification needs the secret itself, so it is
 * kept encrypted (AES-256-GCM under the server's CONVERSION_KEY_SECRET), never in the clear.
 */
@Entity('conversion_keys')
@Index('conversion_keys_merchant', ['merchantId', 'createdAt'])
export class ConversionKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  merchantId: string;

  @ManyToOne('MerchantEntity')
  @JoinColumn()
  merchant?: MerchantEntity;

  /** The secret's first 8 characters, to tell keys apart. */
  @Column({ type: 'varchar', length: 8 })
  prefix: string;

  @Column({ type: 'varchar', length: 200 })
  secretEncrypted: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** When a newer key was made: this one keeps working CONVERSION_KEY_GRACE_S longer. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  supersededAt: Date | null;
}
