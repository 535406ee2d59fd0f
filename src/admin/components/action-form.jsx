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

// A field error is a translation key (e.g. `yuanInvalid`) with the values its sentence needs
// (src/admin/actions/field-error-messages.ts); an older answer may still carry a plain sentence.
const oneErrorText = (tm, error, resourceId) =>
  /^[A-Za-z]+$/.test(error.message)
    ? tm(error.message, resourceId, error.options || {})
    : error.message;
const errorText = (tm, error, resourceId) =>
  error && [error, ...(error.more || [])].map((e) => oneErrorText(tm, e, resourceId)).join('；');

const Field = ({ field, value, error, onChange, resourceId }) => {
  const { translateProperty: tp, translateMessage: tm } = useTranslation();
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
  else if (field.type === 'file')
    // Posted as the file's text: the server reads it like any other field.
    input = (
      <input
        id={id}
        name={field.name}
        type="file"
        accept=".json,application/json"
        required={!!field.required}
        onChange={(event) => {
          const file = event.target.files && event.target.files[0];
          if (!file) onChange(field.name, '');
          else file.text().then((text) => onChange(field.name, text));
        }}
      />
    );
  else input = <Input {...common} type={field.type || 'text'} width={1} autoComplete="off" />;
  return (
    <FormGroup error={!!error}>
      <Label htmlFor={id} required={!!field.required}>
        {tp(field.name, resourceId)}
      </Label>
      {input}
      <FormMessage>{errorText(tm, error, resourceId)}</FormMessage>
    </FormGroup>
  );
};

// A `lines` field: a table of rows (e.g. one fapiao per row), one input per column. Each cell is
// posted as its own field, `<name>.<row>.<column>`, rows numbered from 0 without gaps (the
// server refuses gaps); field errors come back under the same keys.
const todayInBeijing = () =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

const emptyRow = (columns) =>
  Object.fromEntries(
    columns.map((column) => [column.name, column.defaultToday ? todayInBeijing() : '']),
  );

// Rows shown at first: `minRows` (default 1), or one per element of a record array such as a
// split request's `lines` (its params arrive flattened: `lines.0.amountFen`, `lines.1…`).
const initialRows = (field, record) => {
  let count = field.minRows === undefined ? 1 : field.minRows;
  if (field.rowsFromRecord && record) {
    const prefix = `${field.rowsFromRecord}.`;
    const indexes = Object.keys(record.params || {})
      .filter((key) => key.startsWith(prefix))
      .map((key) => Number(key.slice(prefix.length).split('.')[0]))
      .filter((index) => Number.isInteger(index));
    if (indexes.length) count = Math.max(count, Math.max(...indexes) + 1);
  }
  return Array.from({ length: count }, () => emptyRow(field.columns || []));
};

const LinesField = ({ field, rows, errors, onChange, resourceId }) => {
  const { translateProperty: tp, translateButton: tb, translateMessage: tm } = useTranslation();
  const columns = field.columns || [];
  const minRows = field.minRows === undefined ? 1 : field.minRows;
  const setCell = (index, column, value) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [column]: value } : row)));
  const cellError = (index, column) => errors[`${field.name}.${index}.${column}`];
  return (
    <FormGroup error={!!errors[field.name]} data-testid={`action-lines-${field.name}`}>
      <Label>{tp(field.name, resourceId)}</Label>
      {rows.map((row, index) => (
        // A row wraps rather than squeeze its cells: a date or a file name stays readable.
        <Box key={index} flex flexDirection="row" flexWrap="wrap" alignItems="flex-start" mb="sm">
          <Text mr="sm" mt="sm" color="grey60">
            {index + 1}
          </Text>
          {columns.map((column) => {
            const id = `action-field-${field.name}-${index}-${column.name}`;
            const error = cellError(index, column.name);
            return (
              <Box key={column.name} mr="sm" mb="sm" flexGrow={1} style={{ minWidth: '10em' }}>
                <Label htmlFor={id} required={!!column.required}>
                  {tp(column.name, resourceId)}
                </Label>
                {column.type === 'file' ? (
                  // Kept as the File itself: posted as an upload, not as text.
                  <input
                    id={id}
                    type="file"
                    accept={column.accept}
                    required={!!column.required}
                    style={{ width: '100%', maxWidth: '14em' }}
                    onChange={(event) =>
                      setCell(
                        index,
                        column.name,
                        (event.target.files && event.target.files[0]) || '',
                      )
                    }
                  />
                ) : (
                  <Input
                    id={id}
                    type={column.type === 'date' ? 'date' : 'text'}
                    inputMode={column.type === 'fen' ? 'decimal' : undefined}
                    placeholder={column.type === 'fen' ? '¥' : undefined}
                    value={row[column.name] || ''}
                    required={!!column.required}
                    autoComplete="off"
                    width={1}
                    onChange={(event) => setCell(index, column.name, event.target.value)}
                  />
                )}
                <FormMessage>{errorText(tm, error, resourceId)}</FormMessage>
              </Box>
            );
          })}
          <Button
            type="button"
            size="sm"
            mt="xl"
            variant="text"
            disabled={rows.length <= minRows}
            data-testid={`action-lines-${field.name}-remove-${index}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            {tb('removeRow', resourceId)}
          </Button>
        </Box>
      ))}
      <Button
        type="button"
        size="sm"
        variant="outlined"
        data-testid={`action-lines-${field.name}-add`}
        onClick={() => onChange([...rows, emptyRow(columns)])}
      >
        {tb('addRow', resourceId)}
      </Button>
      <FormMessage>{errorText(tm, errors[field.name], resourceId)}</FormMessage>
    </FormGroup>
  );
};

// The form's state as posted fields: plain values as they are, `lines` rows flattened.
const toFormData = (fields, values) => {
  const data = new FormData();
  const lines = new Set(fields.filter((f) => f.type === 'lines').map((f) => f.name));
  const fileColumns = new Set(
    fields
      .filter((f) => f.type === 'lines')
      .flatMap((f) => (f.columns || []).filter((c) => c.type === 'file').map((c) => c.name)),
  );
  Object.entries(values).forEach(([key, value]) => {
    if (!lines.has(key)) return data.append(key, value);
    value.forEach((row, index) =>
      Object.entries(row).forEach(([column, cell]) => {
        // An empty file cell is left out: the server sees only files that were chosen.
        if (cell === '' && fileColumns.has(column)) return;
        data.append(`${key}.${index}.${column}`, cell);
      }),
    );
  });
  return data;
};

const ActionForm = ({ action, resource, record, records }) => {
  const { translateButton: tb, translateAction: ta } = useTranslation();
  const fields = (action.custom && action.custom.fields) || [];
  const [values, setValues] = useState(() =>
    Object.fromEntries(
      fields
        .map((f) => {
          if (f.type === 'lines') return [f.name, initialRows(f, record)];
          // Start from the record's current value (e.g. the tracking number being corrected).
          const current =
            f.valueFromRecord && record ? record.params[f.valueFromRecord] : undefined;
          return current === undefined || current === null ? undefined : [f.name, String(current)];
        })
        .filter(Boolean),
    ),
  );
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const handleResponse = useActionResponseHandler((data) => setErrors(data.fieldErrors || {}));

  const submit = (event) => {
    event.preventDefault();
    setBusy(true);
    const data = toFormData(fields, values);
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
      {fields.map((field) =>
        field.type === 'lines' ? (
          <LinesField
            key={field.name}
            field={field}
            rows={values[field.name]}
            errors={errors}
            resourceId={resource.id}
            onChange={(rows) => setValues({ ...values, [field.name]: rows })}
          />
        ) : (
          <Field
            key={field.name}
            field={field}
            value={values[field.name]}
            error={errors[field.name]}
            resourceId={resource.id}
            onChange={(name, value) => setValues({ ...values, [name]: value })}
          />
        ),
      )}
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
