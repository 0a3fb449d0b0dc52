import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TagsService } from '@vtask/accounts';
import { Ctx, Public } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
import { DomainTagModel } from './accounts.models';

@Public()
@Resolver(() => DomainTagModel)
export class DomainTagResolver {
  constructor(private readonly tags: TagsService) {}

  @Query(() => [DomainTagModel], {
    description: 'The taxonomy: every tag, parents first, each followed by its children.',
  })
  async domainTags(): Promise<DomainTagModel[]> {
    const all = await this.tags.all();
    const roots = all.filter((tag) => tag.parentSlug === null);
    return roots.flatMap((root) => [root, ...all.filter((tag) => tag.parentSlug === root.slug)]);
  }

  @ResolveField(() => String, {
    description: "The tag's name in the reader's language: `Accept-Language`, Chinese when absent.",
  })
  name(@Parent() tag: DomainTagModel, @Ctx() ctx: RequestContext): string {
    return ctx.reader.locale === 'en' ? tag.nameEn : tag.nameZh;
  }

  @ResolveField(() => DomainTagModel, { nullable: true })
  async parent(@Parent() tag: DomainTagModel): Promise<DomainTagModel | null> {
    if (!tag.parentSlug) return null;
    return (await this.tags.bySlugs([tag.parentSlug]))[0] ?? null;
  }

  @ResolveField(() => [DomainTagModel])
  children(@Parent() tag: DomainTagModel): Promise<DomainTagModel[]> {
    return this.tags.children(tag.slug);
  }
}
