import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether a connection field's selection reads its total: `totalCount` or `pageInfo.totalCountIsExact`,
 * directly or through fragments. A list told so counts in the statement that loads its page.
 */
export function selectsTotal(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  return info.fieldNodes.some((node) => readsTotal(node.selectionSet, info.fragments, false, new Set()));
}

function readsTotal(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  inPageInfo: boolean,
  visited: Set<string>,
): boolean {
  if (!set) return false;
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (inPageInfo) return name === 'totalCountIsExact';
      if (name === 'totalCount') return true;
      return name === 'pageInfo' && readsTotal(selection.selectionSet, fragments, true, visited);
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return readsTotal(selection.selectionSet, fragments, inPageInfo, visited);
    }
    const name = selection.name.value;
    // A fragment spread twice is read once (and a cycle, which validation refuses anyway, cannot loop).
    if (visited.has(name)) return false;
    visited.add(name);
    return readsTotal(fragments[name]?.selectionSet, fragments, inPageInfo, visited);
  });
}

/** `selectsTotal` of the field being resolved, as a resolver argument. */
export const SelectsTotal = createParamDecorator((_data: unknown, context: ExecutionContext): boolean =>
  selectsTotal(GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>()),
);
