// The applications list's "overdue" column: a red badge on overdue rows, nothing otherwise
// (the value is computed by the resource's list/show hooks, see application.resource.ts).
import React from 'react';
import { Badge } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';

const OverdueBadge = ({ record, resource, property }) => {
  const { translateProperty: tp } = useTranslation();
  if (record.params[property.path] !== true) return null;
  return (
    <Badge variant="danger" data-testid="overdue-badge">
      {tp('overdue', resource.id)}
    </Badge>
  );
};

export default OverdueBadge;
