import { genericFieldProblem, type Locale } from '@vtask/core';

/**
 * Chinese for the field problems written in English outside any catalogue: class-validator's findings
 * (several may be joined by "; ") and the API's custom validation messages. A problem it does not know
 * reads as the generic one, never as English.
 */
const PROBLEMS: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [
    /must be longer than or equal to (\d+) and shorter than or equal to (\d+) characters/,
    (m) => `长度须在 ${m[1]} 到 ${m[2]} 个字符之间`,
  ],
  [/must be shorter than or equal to (\d+) characters/, (m) => `最多 ${m[1]} 个字符`],
  [/must be longer than or equal to (\d+) characters/, (m) => `至少 ${m[1]} 个字符`],
  [/must not be less than (-?[\d.]+)/, (m) => `不能小于 ${m[1]}`],
  [/must not be greater than (-?[\d.]+)/, (m) => `不能大于 ${m[1]}`],
  [/must be an integer number/, () => '须为整数'],
  [/must be a string/, () => '须为文本'],
  [/must be a boolean value/, () => '须为是或否'],
  [/must be a Date instance/, () => '须为有效的日期时间'],
  [/must be a UUID/, () => '须为有效的 ID（UUID）'],
  [/must be one of the following values: (.*)$/, (m) => `须为以下之一：${m[1]}`],
  [/must contain no more than (\d+) elements/, (m) => `最多 ${m[1]} 项`],
  [/must contain at least (\d+) elements?/, (m) => `至少 ${m[1]} 项`],
  [/should not be empty/, () => '不能为空'],
  [/must be a valid email address/, () => '请填写有效的邮箱地址'],
  [/password must be at least (\d+) characters/, (m) => `密码至少 ${m[1]} 个字符`],
  [/handle must be 3-30 letters, digits, "_" or "-"/, () => '账号名须为 3-30 个字母、数字、"_" 或 "-"'],
  [/^This is not an id \(a UUID\)\.$/, () => '这不是有效的 ID（UUID）'],
  [/must match .* regular expression/, () => '格式不正确'],
];

export function fieldProblemFor(problem: string, locale: Locale): string {
  if (locale === 'en') return problem;
  const parts = problem.split('; ').map((part) => {
    for (const [pattern, word] of PROBLEMS) {
      const match = pattern.exec(part);
      if (match) return word(match);
    }
    return null;
  });
  if (parts.some((part) => part === null)) return genericFieldProblem(locale);
  return `${parts.join('；')}。`;
}
