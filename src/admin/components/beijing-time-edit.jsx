// An instant in a form, typed or picked as a Beijing date and time (the browser's
// datetime-local input) and sent with its offset, +08:00, whatever the browser's zone.
import React from 'react';
import { FormGroup, FormMessage, Input, Label } from '@adminjs/design-system';
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

const toInput = (value) => {
  if (!value) return '';
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? '' : FORMAT.format(instant).replace(' ', 'T');
};

const BeijingTimeEdit = ({ property, record, onChange, resource }) => {
  const { translateProperty: tp, translateMessage: tm } = useTranslation();
  const error = record.errors && record.errors[property.path];
  const id = `time-${property.path}`;
  return (
    <FormGroup error={!!error}>
      <Label htmlFor={id} required={property.isRequired}>
        {tp(property.label, resource.id)}
      </Label>
      <Input
        id={id}
        type="datetime-local"
        value={toInput(record.params[property.path])}
        onChange={(event) =>
          onChange(property.path, event.target.value ? `${event.target.value}:00+08:00` : '')
        }
      />
      <FormMessage>{error && tm(error.message, resource.id)}</FormMessage>
    </FormGroup>
  );
};

export default BeijingTimeEdit;
