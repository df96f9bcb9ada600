/** Where a JSON text first breaks the grammar, and what a reader should do about it. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

/**
 * Finds the first syntax error in a text `JSON.parse` rejected. V8's own messages name neither
 * line nor column for some mistakes (a trailing comma quotes the start of the file instead), and
 * none says what the usual culprits are: trailing commas, comments, single quotes.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw { offset: at, message } satisfies JsonSyntaxError;
  };
  const skipSpace = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('comments are not allowed in JSON');
      else return;
    }
  };
  const describe = (at: number): string => (at >= text.length ? 'the end of the file' : `"${text[at]}"`);
  const readString = (): void => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code === 10) fail('a string is not closed on its line (missing ")', start);
      if (code < 0x20) fail('a control character inside a string must be escaped');
      if (text[i] === '\\') {
        const escape = text[i + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u needs four hex digits');
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape ?? '')) fail(`"\\${escape ?? ''}" is not a JSON escape`);
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= text.length) fail('a string is not closed (missing ")', start);
    i++;
  };
  const readValue = (): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') return readObject();
    if (c === '[') return readArray();
    if (c === '"') return readString();
    if (c === "'") fail('strings take double quotes in JSON, not single quotes');
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (number && number[0].length && number[0] !== '-') {
      i += number[0].length;
      if (/[\w.]/.test(text[i] ?? '')) fail(`not a JSON number: "${text.slice(i - number[0].length, i + 1)}"`);
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    const bare = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 100))?.[0];
    if (bare) fail(`${bare} is not a JSON value (strings take double quotes; true, false and null are lower case)`);
    fail(i >= text.length ? 'the file ends where a value should be' : `expected a value, found ${describe(i)}`);
  };
  const readObject = (): void => {
    i++;
    skipSpace();
    if (text[i] === '}') return void i++;
    for (;;) {
      skipSpace();
      if (i >= text.length) fail('the file ends inside an object (missing })');
      if (text[i] === "'") fail('property names take double quotes in JSON, not single quotes');
      if (text[i] !== '"') {
        if (/[A-Za-z_$]/.test(text[i] ?? '')) fail('property names take double quotes in JSON');
        fail(`expected a property name in double quotes, found ${describe(i)}`);
      }
      readString();
      skipSpace();
      if (text[i] !== ':') fail(`expected ":" after the property name, found ${describe(i)}`);
      i++;
      readValue();
      skipSpace();
      if (text[i] === '}') return void i++;
      if (text[i] !== ',') fail(i >= text.length ? 'the file ends inside an object (missing })' : `expected "," or "}" after a property, found ${describe(i)}`);
      const comma = i++;
      skipSpace();
      if (text[i] === '}') fail('trailing comma: JSON allows no comma before "}"', comma);
    }
  };
  const readArray = (): void => {
    i++;
    skipSpace();
    if (text[i] === ']') return void i++;
    for (;;) {
      readValue();
      skipSpace();
      if (text[i] === ']') return void i++;
      if (text[i] !== ',') fail(i >= text.length ? 'the file ends inside a list (missing ])' : `expected "," or "]" after a list item, found ${describe(i)}`);
      const comma = i++;
      skipSpace();
      if (text[i] === ']') fail('trailing comma: JSON allows no comma before "]"', comma);
    }
  };
  try {
    if (!text.trim()) return { offset: 0, message: 'the file is empty' };
    readValue();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    // Anything else (a stack overflow on absurd nesting) leaves the engine's message to speak.
    return typeof error === 'object' && error !== null && 'offset' in error ? (error as JsonSyntaxError) : undefined;
  }
}
