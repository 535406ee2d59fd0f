// An instant (a period's start, a history entry) in lists and shows, in Beijing time whatever
// the browser's zone: `YYYY-MM-DD HH:mm`.
import React from 'react';
import { Text, ValueGroup } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const FORMAT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const Value = ({ record, property }) => {
  const value = record.params[property.path];
  if (!value) return null;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return <Text>{String(value)}</Text>;
  return <Text data-testid={`time-${property.path}`}>{FORMAT.format(instant)}</Text>;
};

// On a show page the value comes with its label, as AdminJS's own components do.
const BeijingTimeValue = (props) => {
  const { translateProperty: tp } = useTranslation();
  if (props.where !== 'show') return <Value {...props} />;
  return (
    <ValueGroup label={tp(props.property.label, props.resource.id)}>
      <Value {...props} />
    </ValueGroup>
  );
};

export default BeijingTimeValue;
