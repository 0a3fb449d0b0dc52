import { unstorableTextProblem } from './text';

describe('unstorableTextProblem', () => {
  it('accepts any well-formed text, astral characters and emoji included', () => {
    for (const text of ['', 'plain', 'café', '中文标题', '😀 a pair of surrogates', 'tab\tand\nnewline']) {
      expect(unstorableTextProblem(text)).toBeNull();
    }
  });

  it('refuses a NUL anywhere', () => {
    for (const text of ['\u0000', 'a\u0000', '\u0000b', 'a\u0000b']) {
      expect(unstorableTextProblem(text)).toMatch(/NUL/);
    }
  });

  it('refuses a lone high or low surrogate, and a pair in the wrong order', () => {
    for (const text of ['\uD800', 'a\uD83Db', '\uDE00', 'x\uDE00\uD83D']) {
      expect(unstorableTextProblem(text)).toMatch(/surrogate/);
    }
  });
});
