// Finance's monthly CSV: pick a month, download every fapiao issued in it beside the payments
// received (the server builds the file; see finance-export.ts).
import React, { useState } from 'react';
import { Box, Button, FormGroup, FormMessage, Input, Label, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

const api = new ApiClient();

const thisMonth = () =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);

const ExportFinanceCsv = ({ action, resource }) => {
  const { translateComponent: tc, translateMessage: tm, i18n } = useTranslation();
  const addNotice = useNotice();
  const [month, setMonth] = useState(thisMonth());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  const submit = (event) => {
    event.preventDefault();
    setBusy(true);
    const data = new FormData();
    data.append('month', month);
    data.append('language', i18n.language === 'en' ? 'en' : 'zh-CN');
    api
      .resourceAction({ resourceId: resource.id, actionName: action.name, data })
      .then(({ data: body }) => {
        setError(body.fieldErrors && body.fieldErrors.month);
        if (body.notice) addNotice(body.notice);
        if (!body.csv) return;
        const url = URL.createObjectURL(new Blob([body.csv], { type: 'text/csv;charset=utf-8' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = body.filename;
        document.body.appendChild(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(url);
      })
      .finally(() => setBusy(false));
  };

  return (
    <Box as="form" onSubmit={submit} variant="container" data-testid="export-finance-csv">
      <Text mb="lg">{tc('ExportFinanceCsv.intro', resource.id)}</Text>
      <FormGroup error={!!error}>
        <Label htmlFor="export-month" required>
          {tc('ExportFinanceCsv.month', resource.id)}
        </Label>
        <Input
          id="export-month"
          type="month"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
        />
        <FormMessage>{error && tm(error.message, resource.id)}</FormMessage>
      </FormGroup>
      <Button type="submit" variant="contained" disabled={busy} data-testid="export-submit">
        {tc('ExportFinanceCsv.download', resource.id)}
      </Button>
    </Box>
  );
};

export default ExportFinanceCsv;
