// A bounded memo for pure look-ups by name (API tables, what a variable's name says): a program
// asks about the same few names over and over.
const CACHE_SIZE = 10_000;

/** `read` with its answers remembered (forgotten all at once past CACHE_SIZE names). */
export function remembered<T>(read: (name: string) => T): (name: string) => T {
  const answers = new Map<string, T>();
  return (name) => {
    if (answers.has(name)) return answers.get(name)!;
    if (answers.size >= CACHE_SIZE) answers.clear();
    const answer = read(name);
    answers.set(name, answer);
    return answer;
  };
}
