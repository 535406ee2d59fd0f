// An amount stored in fen, in lists and shows as yuan: "¥1,288.00" (a red-letter fapiao's
// negative amount as "-¥72.50"). Integer arithmetic only, as on the server (src/admin/money.ts).
import React from 'react';
import { Text, ValueGroup } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

export const formatYuan = (value) => {
  const fen = Number(value);
  if (!Number.isSafeInteger(fen)) return '';
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
};

const Value = ({ record, property }) => {
  const value = record.params[property.path];
  if (value === undefined || value === null || value === '') return null;
  return <Text data-testid={`yuan-${property.path}`}>{formatYuan(value)}</Text>;
};

// On a show page the value comes with its label, as AdminJS's own components do.
const YuanValue = (props) => {
  const { translateProperty: tp } = useTranslation();
  if (props.where !== 'show') return <Value {...props} />;
  return (
    <ValueGroup label={tp(props.property.label, props.resource.id)}>
      <Value {...props} />
    </ValueGroup>
  );
};

export default YuanValue;
