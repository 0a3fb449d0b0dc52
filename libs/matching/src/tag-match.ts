/**
 * How tags match in ranking (SPEC "Domain tags": a parent tag matches its children). A task tag is
 * covered fully by the same tag or one of its children (a `home` task, a `home.furniture` creator),
 * and partly (MATCH_TUNING.parentTagCredit) by its parent (a `home.furniture` task, a `home` creator).
 */

/** Each tag's parent slug (null for a top-level tag): the whole taxonomy. */
export type TagTree = ReadonlyMap<string, string | null>;

export interface TaskTagPlan {
  /** Per task tag: the creator tags that cover it fully, and the one that covers it partly. */
  perTag: { tag: string; full: string[]; partial: string[] }[];
  /** Every creator tag that covers some task tag: the GIN `&&` that narrows candidates. */
  narrow: string[];
}

export function taskTagPlan(tree: TagTree, taskTags: readonly string[]): TaskTagPlan {
  const perTag = [...new Set(taskTags)].map((tag) => {
    const parent = tree.get(tag) ?? null;
    return { tag, full: [tag, ...childrenOf(tree, tag)], partial: parent ? [parent] : [] };
  });
  const narrow = new Set<string>();
  for (const entry of perTag) for (const slug of [...entry.full, ...entry.partial]) narrow.add(slug);
  return { perTag, narrow: [...narrow] };
}

export interface CreatorTagPlan {
  /** Task tags a creator covers fully: their own tags and those tags' parents. */
  full: string[];
  /** Task tags they cover partly: children of their own tags (and not covered fully). */
  partial: string[];
  narrow: string[];
}

export function creatorTagPlan(tree: TagTree, creatorTags: readonly string[]): CreatorTagPlan {
  const full = new Set<string>();
  for (const tag of creatorTags) {
    full.add(tag);
    const parent = tree.get(tag);
    if (parent) full.add(parent);
  }
  const partial = new Set<string>();
  for (const tag of creatorTags)
    for (const child of childrenOf(tree, tag)) if (!full.has(child)) partial.add(child);
  return { full: [...full], partial: [...partial], narrow: [...full, ...partial] };
}

export interface TagCoverage {
  /** The task tags covered fully and the creator tags that cover them, for "shares tags ...". */
  shared: string[];
  /** Task tags covered only through the creator's parent tag. */
  viaParent: { tag: string; parent: string }[];
}

export function tagCoverage(
  tree: TagTree,
  taskTags: readonly string[],
  creatorTags: readonly string[],
): TagCoverage {
  const shared = new Set<string>();
  const viaParent: { tag: string; parent: string }[] = [];
  for (const tag of new Set(taskTags)) {
    const covering = creatorTags.filter((slug) => slug === tag || tree.get(slug) === tag);
    if (covering.length) {
      shared.add(tag);
      for (const slug of covering) shared.add(slug);
      continue;
    }
    const parent = tree.get(tag);
    if (parent && creatorTags.includes(parent)) viaParent.push({ tag, parent });
  }
  return { shared: [...shared].sort(), viaParent };
}

function childrenOf(tree: TagTree, slug: string): string[] {
  const children: string[] = [];
  for (const [child, parent] of tree) if (parent === slug) children.push(child);
  return children;
}
