// A date-only property (due date, expected issue date, a calendar day) in lists and shows: the
// stored YYYY-MM-DD itself. AdminJS's own component turns it into a time in the browser's zone.
import React from 'react';
import { Text } from '@adminjs/design-system';

const DateOnlyValue = ({ record, property }) => {
  const value = record.params[property.path];
  if (!value) return null;
  return <Text data-testid={`date-${property.path}`}>{String(value).slice(0, 10)}</Text>;
};

export default DateOnlyValue;
