// Rules ask the same questions of the same names on every split and every edit (is this column
// a date, its loose form): a function of a name whose answers are kept, forgotten when there
// are many names (a long editing session sees every name typed).
export function keptPerName<T>(compute: (name: string) => T, limit = 10_000): (name: string) => T {
  const answers = new Map<string, T>();
  return (name) => {
    if (answers.has(name)) return answers.get(name)!;
    if (answers.size >= limit) answers.clear();
    const answer = compute(name);
    answers.set(name, answer);
    return answer;
  };
}
