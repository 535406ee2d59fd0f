// A date-only property (due date, expected issue date, a calendar day) in lists and shows: the
// stored YYYY-MM-DD itself. AdminJS's own component turns it into a time in the browser's zone.
import React from 'react';
import { Text, ValueGroup } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const Value = ({ record, property }) => {
  const value = record.params[property.path];
  if (!value) return null;
  return <Text data-testid={`date-${property.path}`}>{String(value).slice(0, 10)}</Text>;
};

// On a show page the value comes with its label, as AdminJS's own components do.
const DateOnlyValue = (props) => {
  const { translateProperty: tp } = useTranslation();
  if (props.where !== 'show') return <Value {...props} />;
  return (
    <ValueGroup label={tp(props.property.label, props.resource.id)}>
      <Value {...props} />
    </ValueGroup>
  );
};

export default DateOnlyValue;
