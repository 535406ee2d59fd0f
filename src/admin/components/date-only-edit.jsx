// A date-only property in a form: the browser's own date input, whose value is the YYYY-MM-DD
// that was typed or picked. (AdminJS's date picker sends the day before for staff east of UTC.)
import React from 'react';
import { FormGroup, FormMessage, Input, Label } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const DateOnlyEdit = ({ property, record, onChange, resource }) => {
  const { translateProperty: tp, translateMessage: tm } = useTranslation();
  const value = record.params[property.path];
  const error = record.errors && record.errors[property.path];
  const id = `date-${property.path}`;
  return (
    <FormGroup error={!!error}>
      <Label htmlFor={id} required={property.isRequired}>
        {tp(property.label, resource.id)}
      </Label>
      <Input
        id={id}
        type="date"
        value={value ? String(value).slice(0, 10) : ''}
        onChange={(event) => onChange(property.path, event.target.value)}
      />
      <FormMessage>{error && tm(error.message, resource.id)}</FormMessage>
    </FormGroup>
  );
};

export default DateOnlyEdit;
