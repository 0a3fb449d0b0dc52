/** A small GraphQL-over-HTTP client for the benches: one POST to `<base>/graphql`, JSON in and out. */

export interface GraphqlAnswer<T> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** One request; an answer that is not JSON reads as an empty body. Throws only when fetch does. */
export async function postGraphql<T = any>(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlAnswer<T>> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as GraphqlAnswer<T>['body'];
  return { status: response.status, headers: response.headers, body };
}

/** The data of a request that must succeed; any GraphQL error throws, naming the status and errors. */
export async function gql<T = any>(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const { status, body } = await postGraphql<T>(base, query, variables, token);
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL ${status} at ${base}: ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
  }
  return body.data;
}
