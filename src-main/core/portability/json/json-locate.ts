/**
 * Line numbers for JSON import errors. JSON.parse gives none for a value that parses but is
 * wrong, so this walks the text to the value at a path (`contacts`, 3, `emails`, 0), skipping
 * everything else without building it. Only runs when there is an error to report.
 */
export function lineOfPath(text: string, path: readonly (string | number)[]): number | null {
  let position = skipSpace(text, 0);
  for (const segment of path) {
    const found = typeof segment === 'number' ? enterArray(text, position, segment) : enterObject(text, position, segment);
    if (found === null) return null;
    position = found;
  }
  return lineAt(text, position);
}

export function lineAt(text: string, position: number): number {
  let line = 1;
  for (let index = 0; index < position && index < text.length; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

/** Turns JSON.parse's error ("... at position 120" or "(line 4 column 7)") into a line number. */
export function lineOfSyntaxError(text: string, message: string): number | null {
  const lineColumn = /line (\d+) column \d+/.exec(message);
  if (lineColumn) return Number(lineColumn[1]);
  const position = /position (\d+)/.exec(message);
  if (position) return lineAt(text, Number(position[1]));
  return null;
}

function skipSpace(text: string, position: number): number {
  while (position < text.length && /\s/.test(text[position]!)) position++;
  return position;
}

function skipString(text: string, position: number): number {
  position++;
  while (position < text.length) {
    const char = text[position];
    if (char === '\\') position += 2;
    else if (char === '"') return position + 1;
    else position++;
  }
  return position;
}

function skipValue(text: string, position: number): number {
  const char = text[position];
  if (char === '"') return skipString(text, position);
  if (char === '{' || char === '[') {
    let depth = 0;
    while (position < text.length) {
      const current = text[position];
      if (current === '"') {
        position = skipString(text, position);
        continue;
      }
      if (current === '{' || current === '[') depth++;
      else if (current === '}' || current === ']') {
        depth--;
        if (depth === 0) return position + 1;
      }
      position++;
    }
    return position;
  }
  while (position < text.length && !/[\s,\]}]/.test(text[position]!)) position++;
  return position;
}

function enterObject(text: string, position: number, key: string): number | null {
  if (text[position] !== '{') return null;
  position = skipSpace(text, position + 1);
  while (position < text.length && text[position] === '"') {
    const end = skipString(text, position);
    const name = JSON.parse(text.slice(position, end)) as string;
    position = skipSpace(text, end);
    if (text[position] !== ':') return null;
    position = skipSpace(text, position + 1);
    if (name === key) return position;
    position = skipSpace(text, skipValue(text, position));
    if (text[position] === ',') position = skipSpace(text, position + 1);
  }
  return null;
}

function enterArray(text: string, position: number, index: number): number | null {
  if (text[position] !== '[') return null;
  position = skipSpace(text, position + 1);
  for (let current = 0; position < text.length && text[position] !== ']'; current++) {
    if (current === index) return position;
    position = skipSpace(text, skipValue(text, position));
    if (text[position] === ',') position = skipSpace(text, position + 1);
  }
  return null;
}
