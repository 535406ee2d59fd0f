// A date-only property in the list's filter: from / to as the browser's date inputs, sent as
// AdminJS's `<path>~~from` and `<path>~~to`, both YYYY-MM-DD and inclusive.
import React from 'react';
import { Box, FormGroup, Input, Label } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const DateOnlyFilter = ({ property, filter, onChange, resource }) => {
  const { translateProperty: tp, translateComponent: tc } = useTranslation();
  const key = (end) => `${property.path}~~${end}`;
  const value = (end) => (filter && filter[key(end)]) || '';
  return (
    <FormGroup>
      <Label>{tp(property.label, resource.id)}</Label>
      <Box flex flexDirection="row">
        {['from', 'to'].map((end) => (
          <Box key={end} mr="sm" flexGrow={1}>
            <Label htmlFor={`filter-${property.path}-${end}`}>
              {tc(`DateOnlyFilter.${end}`, resource.id)}
            </Label>
            <Input
              id={`filter-${property.path}-${end}`}
              type="date"
              value={value(end)}
              onChange={(event) => onChange(key(end), event.target.value)}
            />
          </Box>
        ))}
      </Box>
    </FormGroup>
  );
};

export default DateOnlyFilter;
