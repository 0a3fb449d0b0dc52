import { defineErrors, ErrorCode, Role } from '@vtask/core';

const ROLE_NAMES: Record<Role, { en: string; zh: string }> = {
  [Role.MERCHANT]: { en: 'merchant', zh: '商家' },
  [Role.CREATOR]: { en: 'creator', zh: '达人' },
  [Role.AGENCY]: { en: 'agency', zh: '机构' },
  [Role.ADMIN]: { en: 'admin', zh: '管理员' },
};

/**
 * The errors the API itself writes (sign-in, roles, the input check, query limits, rate limits), in
 * both languages like every library's: a Chinese reader never gets an English refusal from the gate.
 */
export const ApiErrors = defineErrors('api', {
  signInFirst: {
    code: ErrorCode.UNAUTHENTICATED,
    en: () => 'Sign in first: send an Authorization: Bearer token.',
    zh: () => '请先登录。',
  },
  malformedBearer: {
    code: ErrorCode.UNAUTHENTICATED,
    en: () => 'Send the token as "Authorization: Bearer <token>".',
    zh: () => '登录凭证格式不对，请重新登录。',
  },
  signInEnded: {
    code: ErrorCode.UNAUTHENTICATED,
    en: () => 'Sign-in ended: sign in again',
    zh: () => '登录已失效，请重新登录。',
  },
  rolesOnly: {
    code: ErrorCode.FORBIDDEN,
    en: (roles: readonly Role[]) =>
      `Only ${roles.map((role) => ROLE_NAMES[role].en).join(' or ')} accounts may do this.`,
    zh: (roles: readonly Role[]) =>
      `只有${roles.map((role) => ROLE_NAMES[role].zh).join('或')}账号可以执行此操作。`,
  },
  tooManyAttempts: {
    code: ErrorCode.RATE_LIMITED,
    en: () => 'Too many attempts; wait a minute and try again.',
    zh: () => '尝试次数过多，请一分钟后再试。',
  },
  notAnId: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) => 'This is not an id (a UUID).',
    zh: (_field: string) => '这不是有效的 ID（UUID）。',
  },
  nulCharacter: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) => 'Text may not contain a NUL character (\\u0000).',
    zh: (_field: string) => '文本不能包含空字符（\\u0000）。',
  },
  unpairedSurrogate: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) => 'Text may not contain an unpaired UTF-16 surrogate.',
    zh: (_field: string) => '文本包含无法保存的字符（未配对的 UTF-16 代理项）。',
  },
  tooDeep: {
    code: ErrorCode.QUERY_TOO_COMPLEX,
    en: (detail: string) => `The query is nested too deeply (${detail}).`,
    zh: (_detail: string) => '查询嵌套层级过深。',
  },
  tooManySelections: {
    code: ErrorCode.QUERY_TOO_COMPLEX,
    en: (max: number) => `The query is too large: it expands to more than ${max} selections.`,
    zh: (max: number) => `查询过大：展开后超过 ${max} 个字段。`,
  },
  tooManyAliases: {
    code: ErrorCode.QUERY_TOO_COMPLEX,
    en: (used: number, max: number) =>
      `The operation uses ${used} aliases, over the limit of ${max}: ask for each field once.`,
    zh: (used: number, max: number) => `该操作使用了 ${used} 个别名，超过上限 ${max}：每个字段请只请求一次。`,
  },
  tooManyRootFields: {
    code: ErrorCode.QUERY_TOO_COMPLEX,
    en: (used: number, max: number) =>
      `The operation has ${used} root fields, over the limit of ${max}: send fewer per request.`,
    zh: (used: number, max: number) => `该操作有 ${used} 个根字段，超过上限 ${max}：请分多次请求。`,
  },
  tooCostly: {
    code: ErrorCode.QUERY_TOO_COMPLEX,
    en: (cost: number, max: number) =>
      `The query would cost ${cost}, over the limit of ${max}: ask for smaller pages, fewer nested lists or fewer rankings and totals.`,
    zh: (cost: number, max: number) =>
      `查询开销为 ${cost}，超过上限 ${max}：请减小分页、减少嵌套列表或排名与总数。`,
  },
  tooManyExpensive: {
    code: ErrorCode.RATE_LIMITED,
    en: (perUser: number) =>
      `You already have ${perUser} expensive requests (rankings, performance figures, large queries) running; wait for them to finish and try again.`,
    zh: (perUser: number) =>
      `你已有 ${perUser} 个耗时请求（排名、效果数据、大型查询）在运行，请等它们完成后再试。`,
  },
  nameTheOperation: {
    code: ErrorCode.BAD_USER_INPUT,
    en: () => 'Name the operation to run (operationName).',
    zh: () => '请指定要执行的操作（operationName）。',
  },
  noSuchOperationType: {
    code: ErrorCode.BAD_USER_INPUT,
    en: (operation: string) => `This API has no ${operation} operations.`,
    zh: (operation: string) => `此 API 没有 ${operation} 类型的操作。`,
  },
  queryDoesNotParse: {
    code: ErrorCode.BAD_USER_INPUT,
    en: () => 'The query does not parse.',
    zh: () => '查询语句无法解析。',
  },
  subscriptionsOnly: {
    code: ErrorCode.BAD_USER_INPUT,
    en: () => 'Only subscriptions go over WebSocket; send queries and mutations by HTTP POST.',
    zh: () => 'WebSocket 只用于订阅；查询和变更请用 HTTP POST 发送。',
  },
});
