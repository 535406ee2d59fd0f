import type { Express, RequestHandler } from 'express';

interface NamedLayer {
  name: string;
}

function takeLayer(stack: NamedLayer[], name: string): NamedLayer[] {
  const index = stack.findIndex((layer) => layer.name === name);
  return index >= 0 ? stack.splice(index, 1) : [];
}

/**
 * Mounts `handler` at `path` just before the JSON and urlencoded body parsers: the back office
 * reads its own bodies (express-formidable) and refuses requests whose body was already parsed.
 * Whatever the app installed before the parsers (helmet's headers) applies to it too; with no
 * parsers in the stack it simply stays last. `handler` must be a named function: its name finds
 * its layer.
 */
export function mountBeforeBodyParsers(app: Express, path: string, handler: RequestHandler): void {
  if (!handler.name) throw new Error('The back-office handler must be a named function.');
  app.use(path, handler);
  const stack = (app.router as unknown as { stack: NamedLayer[] }).stack;
  const mounted = takeLayer(stack, handler.name);
  const firstParser = stack.findIndex(
    (layer) => layer.name === 'jsonParser' || layer.name === 'urlencodedParser',
  );
  stack.splice(firstParser >= 0 ? firstParser : stack.length, 0, ...mounted);
}
