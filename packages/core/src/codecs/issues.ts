import type * as t from 'io-ts';

/** One thing wrong with an input: where (a path like `takeProfits[1].price`) and which rule. */
export interface ValidationIssue {
  readonly path: string;
  readonly rule: string;
}

export const issue = (path: string, ruleText: string): ValidationIssue => ({
  path,
  rule: ruleText,
});

export const formatIssue = (i: ValidationIssue): string =>
  i.path === '' ? i.rule : `${i.path}: ${i.rule}`;

export const formatIssues = (issues: readonly ValidationIssue[]): string =>
  issues.map(formatIssue).join('; ');

const pathOf = (context: t.Context): string =>
  context
    .slice(1)
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .reduce(
      (path, key) => (/^\d+$/.test(key) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`),
      '',
    );

/** io-ts errors as issues; every codec of the core sets a message that reads as a rule. */
export const issuesOf = (errors: t.Errors): ValidationIssue[] => {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const error of errors) {
    const i = issue(
      pathOf(error.context),
      error.message ?? `must be ${error.context[error.context.length - 1]?.type.name ?? 'valid'}`,
    );
    const text = formatIssue(i);
    if (!seen.has(text)) {
      seen.add(text);
      out.push(i);
    }
  }
  return out;
};
