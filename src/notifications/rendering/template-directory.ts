import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `templates/mail` found from this file upwards, so the same code works under jest
 * (`src/notifications/templates`), `npm start` (`dist/src/notifications/templates`) and the
 * Docker image (`/app/dist/src/…` with `/app/templates`).
 */
export function findMailTemplateDirectory(start: string = __dirname): string {
  for (let directory = start; ; directory = dirname(directory)) {
    const candidate = join(directory, 'templates', 'mail');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) {
      throw new Error(`No templates/mail folder found in ${start} or any folder above it`);
    }
  }
}
