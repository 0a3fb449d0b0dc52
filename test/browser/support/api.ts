import { DEMO_PASSWORD } from './browser';

/** Direct GraphQL calls for scenario set-up that is not what the scenario tests. */
export class Api {
  constructor(private readonly baseUrl: string) {}

  async call<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  async token(email: string): Promise<string> {
    const data = await this.call<{ logIn: { token: string } }>(
      'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }',
      { email, password: DEMO_PASSWORD },
    );
    return data.logIn.token;
  }
}
