import { defineErrors, ErrorCode, fieldProblem } from '@vtask/core';

const ROLE_ZH: Record<string, string> = {
  MERCHANT: '商家',
  CREATOR: '达人',
  AGENCY: '机构',
  ADMIN: '平台运营',
};
const PROFILE_ZH: Record<string, string> = { merchant: '商家', creator: '达人', agency: '机构' };

/** "a merchant", "an agency". */
function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

export const AccountsErrors = defineErrors('accounts', {
  invalidCredentials: {
    code: ErrorCode.UNAUTHENTICATED,
    en: () => 'The email or password is wrong.',
    zh: () => '邮箱或密码不正确。',
  },
  invalidToken: {
    code: ErrorCode.UNAUTHENTICATED,
    en: () => 'The sign-in token is invalid or expired; sign in again.',
    zh: () => '登录凭证无效或已过期，请重新登录。',
  },
  revokedToken: {
    code: ErrorCode.UNAUTHENTICATED,
    en: () => "This sign-in has ended because the account's role or password changed; sign in again.",
    zh: () => '账号的角色或密码已变更，本次登录已失效，请重新登录。',
  },
  /** At start, ADMIN_EMAIL names an account of another role: its holder is not necessarily the operator. */
  adminEmailTaken: {
    code: ErrorCode.CONFLICT,
    en: (email: string, role: string) =>
      `ADMIN_EMAIL ${email} already belongs to a ${role.toLowerCase()} account, which V-Task does not turn into the admin: ` +
      'anyone can sign up with any address, so its holder may not be you. Set ADMIN_EMAIL to an address no account uses; ' +
      `or, if that account is yours and must become the admin, change its role in the database (UPDATE users SET role = 'ADMIN' WHERE lower(email) = lower('${email}')), which also ends its current sign-ins.`,
    zh: (email: string, role: string) =>
      `ADMIN_EMAIL ${email} 已是一个${ROLE_ZH[role] ?? role}账号，V任务不会把它改为管理员：任何人都能用任意邮箱注册，该账号未必属于你。` +
      '请把 ADMIN_EMAIL 设为没有账号使用的邮箱；如果该账号确实属于你且须成为管理员，请在数据库中修改其角色' +
      `（UPDATE users SET role = 'ADMIN' WHERE lower(email) = lower('${email}')），这也会让它当前的登录失效。`,
  },
  emailTaken: fieldProblem('email', 'An account with this email already exists.', '该邮箱已注册。'),
  invisibleEmailCharacters: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) =>
      'The email contains invisible characters (such as a zero-width space); type it again.',
    zh: (_field: string) => '邮箱中含有不可见字符（如零宽空格），请重新输入。',
  },
  handleTaken: fieldProblem(
    'creator.handle',
    'This handle is taken; choose another.',
    '该达人账号已被占用，请换一个。',
  ),
  badHandle: fieldProblem(
    'creator.handle',
    '3-30 letters, digits, "_" or "-".',
    '须为 3-30 位字母、数字、“_”或“-”。',
  ),
  passwordTooShort: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'password',
    en: (min: number) => `Use at least ${min} characters.`,
    zh: (min: number) => `密码至少 ${min} 位。`,
  },
  blankPassword: fieldProblem(
    'password',
    'A password of spaces only is no password; use letters or digits.',
    '密码不能只有空格，请使用字母或数字。',
  ),
  /** ADMIN_PASSWORD, read from the configuration at start. */
  adminPasswordTooShort: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'ADMIN_PASSWORD',
    en: (min: number) => `At least ${min} characters.`,
    zh: (min: number) => `至少 ${min} 位。`,
  },
  signUpRole: fieldProblem(
    'role',
    'Sign up as MERCHANT, CREATOR or AGENCY; admin accounts come from configuration.',
    '请以商家、达人或机构身份注册；管理员账号由系统配置生成。',
  ),
  /** A sign-up without the profile of its role. */
  profileMissing: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (profile: 'merchant' | 'creator' | 'agency') => profile,
    en: (profile: 'merchant' | 'creator' | 'agency') =>
      `${capitalized(withArticle(profile))} signs up with ${withArticle(profile)} profile.`,
    zh: (profile: 'merchant' | 'creator' | 'agency') =>
      `注册${PROFILE_ZH[profile]}账号时需填写${PROFILE_ZH[profile]}资料。`,
  },
  /** A sign-up with the profile of another role. */
  foreignProfile: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (profile: string) => profile,
    en: (profile: string, role: string) =>
      `A ${role.toLowerCase()} account has no ${profile} profile; leave it out.`,
    zh: (profile: string, role: string) =>
      `${ROLE_ZH[role] ?? role}账号没有${PROFILE_ZH[profile] ?? profile}资料，请勿填写。`,
  },
  unknownTags: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, slugs: string[]) =>
      `Unknown domain tag(s): ${slugs.join(', ')}. Query domainTags for the list.`,
    zh: (_field: string, slugs: string[]) =>
      `未知的领域标签：${slugs.join('、')}。可查询 domainTags 获取标签列表。`,
  },
  tagCount: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, min: number, max: number) => `Choose ${min} to ${max} domain tags.`,
    zh: (_field: string, min: number, max: number) => `请选择 ${min} 到 ${max} 个领域标签。`,
  },
  revenueShareOutOfRange: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, maxBps: number) => `Between 0 and ${maxBps} basis points (0-50%).`,
    zh: (_field: string, maxBps: number) => `机构分成须在 0 到 ${maxBps} 个基点之间（0-50%）。`,
  },
  notAnAgencyId: fieldProblem('agencyId', 'This is not an agency id.', '这不是机构 ID。'),
  tierReasonMissing: fieldProblem(
    'reason',
    'Say why the tier changes; the audit trail keeps it.',
    '请说明调整达人等级的原因，它会记入审计记录。',
  ),
  userNotFound: { code: ErrorCode.NOT_FOUND, en: () => 'No user with this id.', zh: () => '没有这个用户。' },
  creatorNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No creator with this id.',
    zh: () => '没有这个达人。',
  },
  agencyNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No agency with this id.',
    zh: () => '没有这个机构。',
  },
  invitationNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No agency invitation with this id.',
    zh: () => '没有这个机构邀请。',
  },
  notAMerchant: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only merchants have a merchant profile.',
    zh: () => '只有商家才有商家资料。',
  },
  tooManyLinkDomains: fieldProblem('linkDomains', 'At most 10 hosts.', '最多 10 个域名。'),
  notAHost: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'linkDomains',
    en: (host: string) => `"${host}" is not a host name such as shop.example.com.`,
    zh: (host: string) => `“${host}”不是域名，应形如 shop.example.com。`,
  },
  notAnAgency: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only agencies have an agency profile.',
    zh: () => '只有机构才有机构资料。',
  },
  notACreator: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only creators have a creator profile.',
    zh: () => '只有达人才有达人资料。',
  },
  onlyAgenciesInvite: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only agencies invite creators.',
    zh: () => '只有机构可以邀请达人。',
  },
  notYourInvitations: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only the agency itself sees whom it has invited.',
    zh: () => '只有机构本身可以查看它邀请了哪些达人。',
  },
  onlyCreatorsJoin: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only creators join or leave agencies.',
    zh: () => '只有达人可以加入或退出机构。',
  },
  alreadyYourMember: {
    code: ErrorCode.CONFLICT,
    en: () => 'This creator already belongs to your agency.',
    zh: () => '该达人已在你的机构中。',
  },
  alreadyInThisAgency: {
    code: ErrorCode.CONFLICT,
    en: () => 'You already belong to this agency.',
    zh: () => '你已在这个机构中。',
  },
  notInvited: {
    code: ErrorCode.CONFLICT,
    en: () => 'This agency has not invited you; ask it to invite you first.',
    zh: () => '该机构尚未邀请你，请先请机构向你发出邀请。',
  },
  alreadyInAgency: {
    code: ErrorCode.CONFLICT,
    en: () => 'You already belong to an agency; leave it first.',
    zh: () => '你已加入一个机构，请先退出。',
  },
  notInAgency: {
    code: ErrorCode.CONFLICT,
    en: () => 'You do not belong to an agency.',
    zh: () => '你还没有加入任何机构。',
  },
  activeOrders: {
    code: ErrorCode.CONFLICT,
    en: () => 'You have orders in progress; finish or cancel them before changing agency.',
    zh: () => '你还有进行中的订单，请先完成或取消后再更换机构。',
  },
});

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
