// Pieces shared by the application and support request pages (bundled into each component).
import React from 'react';
import {
  Box,
  H5,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Text,
} from '@adminjs/design-system';

const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export const beijingTime = (iso) => (iso ? BEIJING.format(new Date(iso)) : '');

export const yuan = (value) => {
  const fen = Number(value);
  if (!Number.isSafeInteger(fen)) return '';
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
};

export const Section = ({ title, testId, children }) => (
  <Box mb="xl" data-testid={testId}>
    <H5 mb="default">{title}</H5>
    {children}
  </Box>
);

// Label / value pairs, skipping empty values.
export const Pairs = ({ rows }) => (
  <Box as="dl">
    {rows
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([label, value]) => (
        <div key={label} style={{ display: 'flex', marginBottom: 8 }}>
          <Text as="dt" width="12em" color="grey60">
            {label}
          </Text>
          <Text as="dd">{value}</Text>
        </div>
      ))}
  </Box>
);

export const Grid = ({ head, rows, empty }) =>
  rows.length === 0 ? (
    <Text color="grey60">{empty}</Text>
  ) : (
    <Table>
      <TableHead>
        <TableRow>
          {head.map((h) => (
            <TableCell key={h}>{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, i) => (
          <TableRow key={i}>
            {row.map((cell, j) => (
              <TableCell key={j}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

export const parseView = (record, path) => {
  try {
    return JSON.parse(record.params[path] || 'null');
  } catch (e) {
    return null;
  }
};
