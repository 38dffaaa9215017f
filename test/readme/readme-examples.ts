/**
 * Reads the README's fenced examples, for test/readme/readme-examples.test.ts
 * (the conventions are described there).
 */
export interface Step {
  /** Shell text (or the GraphQL document) run for this step. */
  code: string;
  /** `# → …` expectations that follow it, without the arrow and the `(exit N)`. */
  expect: string[];
  /** The exit status the step must end with: `(exit N)` on an expectation, else 0; -1 for `(fails)`: any but 0. */
  exit: number;
}

export interface Example {
  /** README line of the opening fence (1-based). */
  line: number;
  kind: "sh" | "graphql" | "other";
  lang: string;
  text: string;
  /** `<!-- readme-test: skip — reason -->` */
  skip: string | null;
  /** `<!-- readme-test: as USER -->`: send a GraphQL example with USER's token. */
  as: string | null;
}

const SHELL = new Set(["sh", "bash", "shell"]);
const GRAPHQL = new Set(["graphql", "gql"]);
const DIRECTIVE = /^<!--\s*readme-test:\s*(.*?)\s*-->\s*$/;
const EXPECT = /^\s*# →\s?(.*)$/;

/** Every fenced code block, in order, with the readme-test directives on the lines just above it. */
export function extractExamples(markdown: string): Example[] {
  const lines = markdown.split("\n");
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^```\s*$/.test(lines[j]); j++) body.push(lines[j]);
    const directives: string[] = [];
    for (let k = i - 1; k >= 0 && DIRECTIVE.test(lines[k]); k--) directives.push(DIRECTIVE.exec(lines[k])![1]);
    const lang = open[1].toLowerCase();
    const skip = directives.find(d => d.startsWith("skip"));
    const as = directives.find(d => d.startsWith("as "));
    examples.push({
      line: i + 1,
      lang,
      kind: SHELL.has(lang) ? "sh" : GRAPHQL.has(lang) ? "graphql" : "other",
      text: body.join("\n"),
      skip: skip === undefined ? null : skip.replace(/^skip\s*[—:-]?\s*/, "") || "no reason given",
      as: as ? as.slice(3).trim() : null,
    });
    i = j;
  }
  return examples;
}

/** Splits an example into steps: the lines up to each run of `# →` expectations, and what is left after the last. */
export function steps(text: string): Step[] {
  const result: Step[] = [];
  let code: string[] = [];
  let current: Step | null = null;
  for (const line of text.split("\n")) {
    const expectation = EXPECT.exec(line);
    if (expectation) {
      current ??= { code: code.join("\n"), expect: [], exit: 0 };
      const exit = /\s*\((?:exit (\d+)|fails)\)\s*$/.exec(expectation[1]);
      if (exit) current.exit = exit[1] === undefined ? -1 : Number(exit[1]);
      current.expect.push((exit ? expectation[1].slice(0, exit.index) : expectation[1]).trim());
      continue;
    }
    if (current) {
      result.push(current);
      current = null;
      code = [];
    }
    code.push(line);
  }
  if (current) result.push(current);
  else if (code.some(line => line.trim() && !line.trim().startsWith("#"))) result.push({ code: code.join("\n"), expect: [], exit: 0 });
  return result;
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** Whether `output` contains `expected`, where … stands for anything and runs of white space compare equal. */
export function matches(output: string, expected: string): boolean {
  const pattern = squash(expected)
    .split("…")
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[\\s\\S]*?");
  return new RegExp(pattern).test(squash(output));
}
