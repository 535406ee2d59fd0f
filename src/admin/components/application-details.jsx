// The application page's working view: the title with all its fields, the full mailing
// address, the issued documents, the history and remarks, and the linked support requests
// (attached by the show action as `staffView`, see application.resource.ts).
import React from 'react';
import { Box } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import { beijingTime, Grid, Pairs, parseView, Section, yuan } from './details-parts';

const ApplicationDetails = ({ record, property, resource }) => {
  const { translateComponent: tc, translateProperty: tp, translateLabel: tl } = useTranslation();
  const view = parseView(record, property.path);
  if (!view) return null;
  const t = (key) => tc(`ApplicationDetails.${key}`, resource.id);
  const value = (kind, v) => (v ? tc(`Values.${kind}.${v}`, resource.id, { defaultValue: v }) : v);
  const { application: a, history, supportRequests } = view;
  const title = a.title || {};
  const s = a.shipping || {};
  return (
    <Box data-testid="application-details">
      <Section title={t('title')} testId="details-title">
        <Pairs
          rows={[
            [t('buyerName'), title.buyerName],
            [t('taxId'), title.taxId],
            [t('titleAddress'), title.address],
            [t('titlePhone'), title.phone],
            [t('bankName'), title.bankName],
            [t('bankAccount'), title.bankAccount],
          ]}
        />
      </Section>
      <Section title={t('shipping')} testId="details-shipping">
        <Pairs
          rows={[
            [t('method'), value('shippingMethod', s.method)],
            [t('recipient'), s.recipient],
            [t('phone'), s.phone],
            [t('address'), [s.province, s.city, s.district, s.address].filter(Boolean).join(' ')],
            [t('postalCode'), s.postalCode],
          ]}
        />
      </Section>
      <Section title={t('documents')} testId="details-documents">
        <Grid
          empty={t('none')}
          head={[t('kind'), t('number'), t('issueDate'), t('amount'), t('tax'), t('reverses')]}
          rows={(a.documents || []).map((d) => [
            value('documentKind', d.kind),
            d.number,
            d.issueDate,
            yuan(d.amountFen),
            yuan(d.taxAmountFen),
            d.reverses || '',
          ])}
        />
      </Section>
      <Section title={t('history')} testId="details-history">
        <Grid
          empty={t('none')}
          head={[t('at'), t('change'), t('by'), t('remark')]}
          rows={(history || []).map((h) => [
            beijingTime(h.at),
            h.from === h.to
              ? t('remarkOnly')
              : `${h.from ? `${value('status', h.from)} → ` : ''}${value('status', h.to)}`,
            h.actorEmail || value('actor', h.actorType),
            h.remark || '',
          ])}
        />
      </Section>
      <Section title={t('remarks')} testId="details-remarks">
        <Grid
          empty={t('none')}
          head={[t('at'), t('remark')]}
          rows={(a.remarks || []).map((r) => [beijingTime(r.at), r.text])}
        />
      </Section>
      <Section title={tl('support_requests')} testId="details-support-requests">
        <Grid
          empty={t('none')}
          head={[tp('requestNumber', 'support_requests'), t('type'), t('status'), t('at')]}
          rows={(supportRequests || []).map((r) => [
            <a key={r.id} href={`/admin/resources/support_requests/records/${r.id}/show`}>
              {r.requestNumber}
            </a>,
            value('supportType', r.type),
            value('supportStatus', r.status),
            beijingTime(r.createdAt),
          ])}
        />
      </Section>
    </Box>
  );
};

export default ApplicationDetails;
