// Downloads the fapiao files of one application or of the selected ones as a zip: the server
// answers the action with the zip (base64, AdminJS actions answer JSON) and this saves it.
import React, { useState } from 'react';
import { Box, Button, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

const api = new ApiClient();

const save = (base64, filename) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
};

const DownloadFiles = ({ action, resource, record, records }) => {
  const { translateComponent: tc } = useTranslation();
  const addNotice = useNotice();
  const [busy, setBusy] = useState(false);

  const submit = (event) => {
    event.preventDefault();
    setBusy(true);
    const params = { resourceId: resource.id, actionName: action.name, data: new FormData() };
    const call = records
      ? api.bulkAction({ ...params, recordIds: records.map((r) => r.id) })
      : api.recordAction({ ...params, recordId: record.id });
    call
      .then(({ data: body }) => {
        if (body.notice) addNotice(body.notice);
        if (body.zip) save(body.zip, body.filename);
      })
      .finally(() => setBusy(false));
  };

  const titles = records ? records.map((r) => r.title) : [record && record.title];
  return (
    <Box as="form" onSubmit={submit} variant="container" data-testid="download-files">
      <Text mb="lg" color="grey60">
        {titles.filter(Boolean).join(', ')}
      </Text>
      <Text mb="lg">{tc('DownloadFiles.intro', resource.id)}</Text>
      <Button type="submit" variant="contained" disabled={busy} data-testid="download-files-submit">
        {tc('DownloadFiles.download', resource.id)}
      </Button>
    </Box>
  );
};

export default DownloadFiles;
