// A generic form for back-office actions (src/admin/actions/form-action.ts): renders the fields
// listed in `action.custom.fields` (none: only a confirm button) and POSTs them to the action.
// The server answers with a notice (and field errors or a redirect), like AdminJS's own actions.
import React, { useState } from 'react';
import {
  Box,
  Button,
  FormGroup,
  Input,
  Label,
  TextArea,
  FormMessage,
  Text,
} from '@adminjs/design-system';
import { ApiClient, useActionResponseHandler, useTranslation } from 'adminjs';

const api = new ApiClient();

const Field = ({ field, value, error, onChange, resourceId }) => {
  const { translateProperty: tp } = useTranslation();
  const id = `action-field-${field.name}`;
  const common = {
    id,
    name: field.name,
    value: value || '',
    required: !!field.required,
    onChange: (event) => onChange(field.name, event.target.value),
  };
  let input;
  if (field.type === 'textarea') input = <TextArea {...common} width={1} />;
  else if (field.type === 'select')
    input = (
      <select {...common} style={{ width: '100%', padding: '8px' }}>
        <option value="" />
        {(field.options || []).map((option) => (
          <option key={option.value} value={option.value}>
            {tp(option.label, resourceId)}
          </option>
        ))}
      </select>
    );
  else input = <Input {...common} type={field.type || 'text'} width={1} autoComplete="off" />;
  return (
    <FormGroup error={!!error}>
      <Label htmlFor={id} required={!!field.required}>
        {tp(field.name, resourceId)}
      </Label>
      {input}
      <FormMessage>{error && error.message}</FormMessage>
    </FormGroup>
  );
};

const ActionForm = ({ action, resource, record, records }) => {
  const { translateButton: tb, translateAction: ta } = useTranslation();
  const fields = (action.custom && action.custom.fields) || [];
  const [values, setValues] = useState({});
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const handleResponse = useActionResponseHandler((data) => setErrors(data.fieldErrors || {}));

  const submit = (event) => {
    event.preventDefault();
    setBusy(true);
    const data = new FormData();
    Object.entries(values).forEach(([key, value]) => data.append(key, value));
    const params = { resourceId: resource.id, actionName: action.name, data };
    let call;
    if (records) call = api.bulkAction({ ...params, recordIds: records.map((r) => r.id) });
    else if (record) call = api.recordAction({ ...params, recordId: record.id });
    else call = api.resourceAction(params);
    call.then(handleResponse).finally(() => setBusy(false));
  };

  return (
    <Box as="form" onSubmit={submit} variant="container" data-testid={`action-form-${action.name}`}>
      {record && (
        <Text mb="lg" color="grey60">
          {record.title}
        </Text>
      )}
      {records && (
        <Text mb="lg" color="grey60" data-testid="action-bulk-count">
          {records.map((r) => r.title).join(', ')}
        </Text>
      )}
      {fields.map((field) => (
        <Field
          key={field.name}
          field={field}
          value={values[field.name]}
          error={errors[field.name]}
          resourceId={resource.id}
          onChange={(name, value) => setValues({ ...values, [name]: value })}
        />
      ))}
      <Button
        type="submit"
        variant={action.variant === 'danger' ? 'danger' : 'contained'}
        disabled={busy}
        data-testid="action-submit"
      >
        {fields.length ? tb('submit', resource.id) : ta(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default ActionForm;
