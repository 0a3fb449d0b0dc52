import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AccountsErrors } from './accounts.errors';
import { DomainTagEntity } from './entities/domain-tag.entity';

/**
 * The domain-tag taxonomy. It only changes through migrations, so it is read once and kept in
 * memory: validating and expanding tags then costs no query.
 */
@Injectable()
export class TagsService {
  private cache: Promise<Map<string, DomainTagEntity>> | null = null;

  constructor(@InjectRepository(DomainTagEntity) private readonly tags: Repository<DomainTagEntity>) {}

  async all(): Promise<DomainTagEntity[]> {
    return [...(await this.load()).values()];
  }

  async roots(): Promise<DomainTagEntity[]> {
    return (await this.all()).filter((tag) => tag.parentSlug === null);
  }

  async bySlugs(slugs: readonly string[]): Promise<DomainTagEntity[]> {
    const map = await this.load();
    return slugs.map((slug) => map.get(slug)).filter((tag): tag is DomainTagEntity => tag !== undefined);
  }

  async children(slug: string): Promise<DomainTagEntity[]> {
    return (await this.all()).filter((tag) => tag.parentSlug === slug);
  }

  /** Checks that every slug exists and that there are `min`-`max` distinct ones; returns them deduplicated. */
  async validate(slugs: readonly string[], field: string, min = 1, max = 5): Promise<string[]> {
    const unique = [...new Set(slugs)];
    if (unique.length < min || unique.length > max) {
      throw AccountsErrors.tagCount(field, min, max);
    }
    const map = await this.load();
    const unknown = unique.filter((slug) => !map.has(slug));
    if (unknown.length) throw AccountsErrors.unknownTags(field, unknown);
    return unique;
  }

  /** A parent tag stands for itself and its children: `home` expands to `home`, `home.furniture`, ... */
  async expand(slugs: readonly string[]): Promise<string[]> {
    const map = await this.load();
    const expanded = new Set<string>();
    for (const slug of slugs) {
      expanded.add(slug);
      for (const tag of map.values()) if (tag.parentSlug === slug) expanded.add(tag.slug);
    }
    return [...expanded];
  }

  private load(): Promise<Map<string, DomainTagEntity>> {
    this.cache ??= this.tags
      .find({ order: { position: 'ASC', slug: 'ASC' } })
      .then((rows) => new Map(rows.map((row) => [row.slug, row])))
      .catch((error: unknown) => {
        this.cache = null;
        throw error;
      });
    return this.cache;
  }
}
