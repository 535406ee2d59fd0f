import { validateCronExpression } from 'cron';

/**
 * JOB_SCHEDULES overrides jobs' cron expressions: `name=expression` pairs separated by `;`,
 * e.g. `activation-expiry=*\/2 * * * * *;throttle-cleanup=0 * * * * *` (six fields, seconds first).
 * Returns the problems found, so configuration can refuse to start with all of them named.
 */
export function parseJobSchedules(value: string | undefined): {
  schedules: Map<string, string>;
  problems: string[];
} {
  const schedules = new Map<string, string>();
  const problems: string[] = [];
  for (const entry of (value ?? '').split(';')) {
    if (entry.trim() === '') continue;
    const separator = entry.indexOf('=');
    const name = entry.slice(0, separator).trim();
    const expression = entry.slice(separator + 1).trim();
    if (separator < 1 || !/^[a-z][a-z0-9-]*$/.test(name) || expression === '') {
      problems.push(`JOB_SCHEDULES: "${entry.trim()}" is not name=cron-expression`);
      continue;
    }
    if (!isCronExpression(expression)) {
      problems.push(`JOB_SCHEDULES: "${expression}" (for ${name}) is not a cron expression`);
      continue;
    }
    schedules.set(name, expression);
  }
  return { schedules, problems };
}

function isCronExpression(expression: string): boolean {
  return validateCronExpression(expression).valid;
}
