// An amount stored in fen, in lists and shows as yuan: "¥1,288.00" (a red-letter fapiao's
// negative amount as "-¥72.50"). Integer arithmetic only, as on the server (src/admin/money.ts).
import React from 'react';
import { Text } from '@adminjs/design-system';

export const formatYuan = (value) => {
  const fen = Number(value);
  if (!Number.isSafeInteger(fen)) return '';
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
};

const YuanValue = ({ record, property }) => {
  const value = record.params[property.path];
  if (value === undefined || value === null || value === '') return null;
  return <Text data-testid={`yuan-${property.path}`}>{formatYuan(value)}</Text>;
};

export default YuanValue;
