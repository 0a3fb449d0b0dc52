import {
  AgencyEntity,
  CreatorEntity,
  CreatorsService,
  MerchantEntity,
  ProfilesService,
  type UserEntity,
} from '@vtask/accounts';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';

/** A loader that batches keys into one query and returns rows in the order asked (null for missing). */
export function byKeyLoader<T>(
  load: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await load(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

export function byIdLoader<T extends { id: string }>(
  load: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return byKeyLoader(load, (row) => row.id);
}

/** Groups rows by a key: one query for all parents' children. */
export function groupLoader<T>(
  load: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string | null,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await load(keys);
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const key = keyOf(row);
      if (key !== null) groups.get(key)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** Per-request loaders: list fields batch their lookups into one query per kind (no N+1). */
export class Loaders {
  readonly users: DataLoader<string, UserEntity | null>;
  readonly merchants: DataLoader<string, MerchantEntity | null>;
  readonly creators: DataLoader<string, CreatorEntity | null>;
  readonly agencies: DataLoader<string, AgencyEntity | null>;
  readonly merchantByUser: DataLoader<string, MerchantEntity | null>;
  readonly creatorByUser: DataLoader<string, CreatorEntity | null>;
  readonly agencyByUser: DataLoader<string, AgencyEntity | null>;
  readonly creatorsByAgency: DataLoader<string, CreatorEntity[]>;

  constructor(profiles: ProfilesService, creators: CreatorsService) {
    this.users = byIdLoader((ids) => profiles.usersByIds(ids));
    this.merchants = byIdLoader((ids) => profiles.merchantsByIds(ids));
    this.creators = byIdLoader((ids) => creators.findByIds(ids));
    this.agencies = byIdLoader((ids) => profiles.agenciesByIds(ids));
    this.merchantByUser = byKeyLoader(
      (ids) => profiles.byUserIds(MerchantEntity, ids),
      (row) => row.userId,
    );
    this.creatorByUser = byKeyLoader(
      (ids) => profiles.byUserIds(CreatorEntity, ids),
      (row) => row.userId,
    );
    this.agencyByUser = byKeyLoader(
      (ids) => profiles.byUserIds(AgencyEntity, ids),
      (row) => row.userId,
    );
    this.creatorsByAgency = groupLoader(
      (ids) => creators.findByAgency(ids),
      (row) => row.agencyId,
    );
  }
}

@Injectable()
export class LoadersFactory {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly creators: CreatorsService,
  ) {}

  create(): Loaders {
    return new Loaders(this.profiles, this.creators);
  }
}
