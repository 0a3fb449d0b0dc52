// Lints several sources, each as if it lived at its path in the repository, in one ESLint process:
// reads [{ filePath, source }] as JSON on stdin and prints the messages of each, in order, as JSON.
// tools/lint/house-rules.spec.ts uses it so that ESLint and its TypeScript parser start once, not per case.
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, source } of cases) {
  const [result] = await eslint.lintText(source, { filePath });
  results.push(result.messages.map(({ ruleId, message }) => ({ ruleId, message })));
}
process.stdout.write(JSON.stringify(results));
