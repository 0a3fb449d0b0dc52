import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { isNotServed } from '../lib/api-error';

/**
 * A query for a part of the contract the API may not serve yet (venues, matching, performance,
 * notifications): `served` is false when the API does not know the field, so the page leaves the
 * section out instead of showing an error.
 */
export function useOptionalQuery<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  options: { variables?: NoInfer<TVariables>; skip?: boolean; fetchPolicy?: 'cache-first' } = {},
) {
  const result = useQuery(document, {
    variables: options.variables,
    skip: options.skip,
    ...(options.fetchPolicy ? { fetchPolicy: options.fetchPolicy } : {}),
    errorPolicy: 'none',
  } as useQuery.Options<TData, TVariables>);
  const served = !(result.error && isNotServed(result.error));
  return { ...result, served };
}
