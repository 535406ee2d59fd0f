// The back office's dashboard: one card per metric, grouped in sections, fed by
// GET /admin/api/dashboard (DashboardService). Bundled at build time (scripts/bundle-admin.js).
import React, { useEffect, useState } from 'react';
import { Box, H2, H4, Text, Link } from '@adminjs/design-system';
import { ApiClient, useTranslation } from 'adminjs';

const api = new ApiClient();

const TONES = { default: 'grey100', warning: 'warning', danger: 'error' };

const Metric = ({ metric, label }) => {
  const card = (
    <Box
      data-testid={`dashboard-metric-${metric.key}`}
      bg="white"
      p="xl"
      mr="lg"
      mb="lg"
      boxShadow="card"
      // Fixed-size cards that wrap, however many metrics a section has.
      style={{
        borderTop: '4px solid',
        borderColor: 'currentColor',
        flex: '0 0 200px',
        minWidth: 200,
      }}
      color={TONES[metric.tone || 'default']}
    >
      <Text fontSize="h2" color="grey100" data-testid="value">
        {metric.value}
      </Text>
      <Text color="grey60">{label}</Text>
    </Box>
  );
  return metric.href ? <Link href={metric.href}>{card}</Link> : card;
};

const Dashboard = () => {
  const { translateComponent: tc } = useTranslation();
  const [data, setData] = useState(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    api
      .getDashboard()
      .then((response) => setData(response.data))
      .catch(() => setFailed(true));
  }, []);

  return (
    <Box variant="grey" data-testid="dashboard">
      <H2>{tc('Dashboard.title')}</H2>
      {failed && <Text color="error">!</Text>}
      {!data && !failed && <Text>{tc('Dashboard.loading')}</Text>}
      {data && data.sections.length === 0 && <Text>{tc('Dashboard.empty')}</Text>}
      {data &&
        data.sections.map((section) => (
          <Box key={section.key} mb="xl" data-testid={`dashboard-section-${section.key}`}>
            <H4>{tc(`Dashboard.sections.${section.key}`)}</H4>
            <Box flex flexDirection="row" flexWrap="wrap" alignItems="flex-start">
              {section.metrics.map((metric) => (
                <Metric
                  key={metric.key}
                  metric={metric}
                  label={tc(`Dashboard.metrics.${metric.key}`)}
                />
              ))}
            </Box>
          </Box>
        ))}
      {data && (
        <Text color="grey60" fontSize="sm">
          {tc('Dashboard.generatedAt')} {new Date(data.generatedAt).toLocaleString()}
        </Text>
      )}
    </Box>
  );
};

export default Dashboard;
