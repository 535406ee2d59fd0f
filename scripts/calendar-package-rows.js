#!/usr/bin/env node
// Prints the holidays and adjusted working days of the installed chinese-days package as the
// literal rows of a migration (migrations/1796000000000-WorkingDayCalendar.ts embeds its output),
// so the migration's result never depends on the package version installed.
// Usage: node scripts/calendar-package-rows.js > /tmp/rows.ts
'use strict';
const data = require('chinese-days/dist/chinese-days.json');
const { version } = require('chinese-days/package.json');

// The names holiday-cn and the State Council's notices use.
const NAMES = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };
const nameOf = (detail) => {
  const chinese = detail.split(',')[1];
  return NAMES[chinese] ?? chinese;
};

const rows = [
  ...Object.entries(data.holidays).map(([date, detail]) => [date, 'holiday', nameOf(detail)]),
  ...Object.entries(data.workdays).map(([date, detail]) => [date, 'working_day', nameOf(detail)]),
].sort(([a], [b]) => a.localeCompare(b));
const years = [...new Set(rows.map(([date]) => Number(date.slice(0, 4))))].sort();

const line = (values) => `  [${values.map((v) => JSON.stringify(v).replace(/"/g, "'")).join(', ')}],`;
console.log(`/** chinese-days ${version}: years ${years[0]}–${years[years.length - 1]}. */`);
console.log(`const PACKAGE_SOURCE = 'chinese-days ${version}';`);
console.log(`const PACKAGE_YEARS = [${years.join(', ')}];`);
console.log('const PACKAGE_DAYS: [string, string, string][] = [');
for (const row of rows) console.log(line(row));
console.log('];');
